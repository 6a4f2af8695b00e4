package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ResourceKindContract;

class MemoryResourceKindTest extends ResourceKindContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
