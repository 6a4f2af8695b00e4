package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.PreferenceContract;

class MemoryPreferenceTest extends PreferenceContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
