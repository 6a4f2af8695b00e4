package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.InvalidConstructInputContract;

class MemoryInvalidConstructInputTest extends InvalidConstructInputContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
