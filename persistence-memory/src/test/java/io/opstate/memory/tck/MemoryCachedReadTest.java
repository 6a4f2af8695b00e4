package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.CachedReadContract;

class MemoryCachedReadTest extends CachedReadContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
