package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.StoreContract;

class MemoryStoreTest extends StoreContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
