package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ClaimedJobContract;

class MemoryClaimedJobTest extends ClaimedJobContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
