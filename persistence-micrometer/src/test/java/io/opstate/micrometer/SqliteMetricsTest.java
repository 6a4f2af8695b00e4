package io.opstate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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

    @Test
    @DisplayName("an open that finds the schema current records no migration")
    void currentSchemaIsNoMigration() {
        store.close();
        store = null;
        try (Datastore again = Persistence.open(freshStore().observer(metrics.observer()).build())) {
            assertThat(again.jobs().oldestClaimableSince()).isEmpty();
        }
        assertThat(registry.get(MeterNames.MIGRATION_DURATION).timer().count()).isEqualTo(1);
    }
}
