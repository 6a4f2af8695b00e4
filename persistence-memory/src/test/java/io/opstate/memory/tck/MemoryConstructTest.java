package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ConstructContract;

class MemoryConstructTest extends ConstructContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
