package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobLeaseContract;

class MemoryJobLeaseTest extends JobLeaseContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
