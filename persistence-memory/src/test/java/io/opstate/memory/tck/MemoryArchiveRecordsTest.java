package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ArchiveRecordsContract;

class MemoryArchiveRecordsTest extends ArchiveRecordsContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }

    @Override
    protected PersistenceConfig.Builder secondStore() {
        return PersistenceConfig.builder("memory:");
    }
}
