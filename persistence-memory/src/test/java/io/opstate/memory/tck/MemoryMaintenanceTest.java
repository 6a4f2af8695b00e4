package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.MaintenanceContract;

class MemoryMaintenanceTest extends MaintenanceContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
