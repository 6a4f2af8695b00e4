package io.opstate.micrometer;

import io.opstate.PersistenceConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMetricsTest extends StoreMetricsContract {
    @TempDir
    Path directory;

    @Override
    PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("jdbc:sqlite:" + directory.resolve("metrics.db"));
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
