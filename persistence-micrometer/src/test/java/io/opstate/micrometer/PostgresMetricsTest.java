package io.opstate.micrometer;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PostgresMetricsTest extends StoreMetricsContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @TempDir
    Path artifacts;

    @Override
    PersistenceConfig.Builder freshStore() {
        return DATABASE.freshStore().artifactRoot(artifacts.toString());
    }

    @Override
    boolean knowsItsSize() {
        return true;
    }

    @Override
    boolean isSql() {
        return true;
    }
}
