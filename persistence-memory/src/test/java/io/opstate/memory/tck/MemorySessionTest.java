package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.SessionContract;

class MemorySessionTest extends SessionContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
