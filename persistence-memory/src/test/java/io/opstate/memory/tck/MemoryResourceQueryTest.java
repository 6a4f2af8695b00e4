package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ResourceQueryContract;

class MemoryResourceQueryTest extends ResourceQueryContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
