package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobClaimByIdContract;

class MemoryJobClaimByIdTest extends JobClaimByIdContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
