package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ConstructLinkContract;

class MemoryConstructLinkTest extends ConstructLinkContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
