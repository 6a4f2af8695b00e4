package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ConstructQueryContract;

class MemoryConstructQueryTest extends ConstructQueryContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
