package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobClaimContract;

class MemoryJobClaimTest extends JobClaimContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
