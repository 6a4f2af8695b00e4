package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.RetentionContract;

class MemoryRetentionTest extends RetentionContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
