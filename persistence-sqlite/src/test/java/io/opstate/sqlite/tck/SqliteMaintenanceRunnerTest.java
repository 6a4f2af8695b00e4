package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.MaintenanceRunnerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Two handles on one file, as two processes would open it: each has its own writer and pool. */
class SqliteMaintenanceRunnerTest extends MaintenanceRunnerContract {
    @TempDir
    Path folder;

    @Override
    protected PersistenceConfig.Builder sharedStore() {
        return PersistenceConfig.builder("jdbc:sqlite:" + folder.resolve("store.db"));
    }
}
