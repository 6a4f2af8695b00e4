package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.StreamingContract;

class MemoryStreamingTest extends StreamingContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
