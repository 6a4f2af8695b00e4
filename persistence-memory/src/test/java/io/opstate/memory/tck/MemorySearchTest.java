package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.SearchContract;

class MemorySearchTest extends SearchContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
