package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.MaintenanceRunnerContract;
import java.util.UUID;

class MemoryMaintenanceRunnerTest extends MaintenanceRunnerContract {
    @Override
    protected PersistenceConfig.Builder sharedStore() {
        return PersistenceConfig.builder("memory:runner-" + UUID.randomUUID());
    }
}
