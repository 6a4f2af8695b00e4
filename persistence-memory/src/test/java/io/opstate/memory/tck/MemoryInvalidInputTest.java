package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.InvalidInputContract;

class MemoryInvalidInputTest extends InvalidInputContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
