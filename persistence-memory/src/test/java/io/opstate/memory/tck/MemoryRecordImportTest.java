package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.RecordImportContract;

class MemoryRecordImportTest extends RecordImportContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
