package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ExecutionContract;

class MemoryExecutionTest extends ExecutionContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
