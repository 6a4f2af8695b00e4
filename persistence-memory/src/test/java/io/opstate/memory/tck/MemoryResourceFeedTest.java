package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ResourceFeedContract;

class MemoryResourceFeedTest extends ResourceFeedContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
