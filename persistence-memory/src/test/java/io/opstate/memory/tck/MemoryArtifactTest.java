package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ArtifactContract;

class MemoryArtifactTest extends ArtifactContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
