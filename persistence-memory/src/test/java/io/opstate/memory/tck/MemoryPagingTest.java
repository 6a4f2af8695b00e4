package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.PagingContract;

class MemoryPagingTest extends PagingContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
