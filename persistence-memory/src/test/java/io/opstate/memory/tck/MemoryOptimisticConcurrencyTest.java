package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.OptimisticConcurrencyContract;

class MemoryOptimisticConcurrencyTest extends OptimisticConcurrencyContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
