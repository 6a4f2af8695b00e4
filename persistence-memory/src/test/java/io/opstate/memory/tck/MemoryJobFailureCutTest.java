package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobFailureCutContract;

class MemoryJobFailureCutTest extends JobFailureCutContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
