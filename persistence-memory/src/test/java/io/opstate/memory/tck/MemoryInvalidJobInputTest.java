package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.InvalidJobInputContract;

class MemoryInvalidJobInputTest extends InvalidJobInputContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
