package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ArtifactImportContract;

class MemoryArtifactImportTest extends ArtifactImportContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
