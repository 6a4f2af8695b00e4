package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.MaintenanceRunnerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMaintenanceRunnerTest extends MaintenanceRunnerContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected PersistenceConfig.Builder sharedStore() {
        return DATABASE.freshStore();
    }
}
