package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.SearchIndexContract;

class MemorySearchIndexTest extends SearchIndexContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
