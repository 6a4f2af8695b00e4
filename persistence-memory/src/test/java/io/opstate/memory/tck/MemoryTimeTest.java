package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.TimeContract;

class MemoryTimeTest extends TimeContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
