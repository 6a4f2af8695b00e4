package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobLifecycleContract;

class MemoryJobLifecycleTest extends JobLifecycleContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
