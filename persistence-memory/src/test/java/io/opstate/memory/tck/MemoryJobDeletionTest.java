package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobDeletionContract;

class MemoryJobDeletionTest extends JobDeletionContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
