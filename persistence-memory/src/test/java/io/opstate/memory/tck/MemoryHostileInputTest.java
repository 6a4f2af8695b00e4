package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.HostileInputContract;

class MemoryHostileInputTest extends HostileInputContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
