package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.JobBytesProgressContract;

class MemoryJobBytesProgressTest extends JobBytesProgressContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
