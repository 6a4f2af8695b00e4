package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.LegacyJsonImportContract;

class MemoryLegacyJsonImportTest extends LegacyJsonImportContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
