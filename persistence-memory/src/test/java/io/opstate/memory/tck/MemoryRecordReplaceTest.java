package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.RecordReplaceContract;

class MemoryRecordReplaceTest extends RecordReplaceContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
