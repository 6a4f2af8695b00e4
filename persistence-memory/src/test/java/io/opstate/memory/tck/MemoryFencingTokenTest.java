package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.FencingTokenContract;

class MemoryFencingTokenTest extends FencingTokenContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
