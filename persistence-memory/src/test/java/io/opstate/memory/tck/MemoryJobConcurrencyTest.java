package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobConcurrencyContract;

class MemoryJobConcurrencyTest extends JobConcurrencyContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
