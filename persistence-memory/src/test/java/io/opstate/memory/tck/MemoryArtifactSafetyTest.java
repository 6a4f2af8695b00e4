package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ArtifactSafetyContract;

class MemoryArtifactSafetyTest extends ArtifactSafetyContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
