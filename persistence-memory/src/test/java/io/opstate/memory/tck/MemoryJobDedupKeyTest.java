package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobDedupKeyContract;

class MemoryJobDedupKeyTest extends JobDedupKeyContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
