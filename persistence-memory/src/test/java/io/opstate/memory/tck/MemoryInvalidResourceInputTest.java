package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.InvalidResourceInputContract;

class MemoryInvalidResourceInputTest extends InvalidResourceInputContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
