package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ConstructDeletionContract;

class MemoryConstructDeletionTest extends ConstructDeletionContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
