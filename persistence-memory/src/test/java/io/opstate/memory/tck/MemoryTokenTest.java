package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.TokenContract;

class MemoryTokenTest extends TokenContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
