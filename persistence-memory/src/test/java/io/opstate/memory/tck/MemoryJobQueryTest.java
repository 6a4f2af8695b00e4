package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobQueryContract;

class MemoryJobQueryTest extends JobQueryContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
