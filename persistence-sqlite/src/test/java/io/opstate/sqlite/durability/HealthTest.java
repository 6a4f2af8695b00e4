package io.opstate.sqlite.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.Persistence;
import io.opstate.jobs.NewJob;
import io.opstate.sqlite.testing.Migrations;
import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
    @TempDir
    Path folder;

    @Test
    void reportsReachabilitySchemaVersionFileAndAGrowingSize() {
        Path file = folder.resolve("health.db");
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            Health before = store.maintenance().health();
            assertThat(before.backend()).isEqualTo("sqlite");
            assertThat(before.reachable()).isTrue();
            assertThat(before.schemaVersion()).isEqualTo(Migrations.latestShippedVersion());
            assertThat(before.storageBytes()).isPositive();
            assertThat(before.detail()).contains(file.toString());

            String payload = "{\"blob\": \"" + "x".repeat(4000) + "\"}";
            List<NewJob> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(NewJob.of("grow").withPayload(payload));
            }
            store.jobs().createAll(batch);

            Health after = store.maintenance().health();
            assertThat(after.reachable()).isTrue();
            assertThat(after.storageBytes()).as("400 kB of payload written").isGreaterThan(before.storageBytes() + 400_000);
        }
    }
}
