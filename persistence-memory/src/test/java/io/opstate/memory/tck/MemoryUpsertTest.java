package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.UpsertContract;

class MemoryUpsertTest extends UpsertContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
