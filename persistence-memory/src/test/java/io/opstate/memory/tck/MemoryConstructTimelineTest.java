package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ConstructTimelineContract;

class MemoryConstructTimelineTest extends ConstructTimelineContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
