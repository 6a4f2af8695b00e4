package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.HistoryContract;

class MemoryHistoryTest extends HistoryContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
