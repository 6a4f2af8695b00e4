package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ImpossibleKeyContract;

class MemoryImpossibleKeyTest extends ImpossibleKeyContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
