package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.TranscriptContract;

class MemoryTranscriptTest extends TranscriptContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
