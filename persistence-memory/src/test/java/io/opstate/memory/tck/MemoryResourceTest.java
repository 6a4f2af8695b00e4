package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ResourceContract;

class MemoryResourceTest extends ResourceContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
