package io.opstate.postgres.health;

import io.opstate.jdbc.SchemaMigrator;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.NewJob;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health on PostgreSQL: the size is the store's own schema, it grows with data, and passwords stay hidden. */
class HealthTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void reportsVersionLocationAndASizeThatGrowsWithData() {
        String schema = DATABASE.newSchema();
        String url = PostgresTestDatabase.url("password=secret-word");
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).schema(schema).build())) {
            Health empty = store.maintenance().health();
            assertThat(empty.reachable()).isTrue();
            assertThat(empty.backend()).isEqualTo("postgres");
            assertThat(empty.schemaVersion()).isEqualTo(String.valueOf(SchemaMigrator.CURRENT_VERSION));
            assertThat(empty.detail()).contains(schema).doesNotContain("secret-word");
            assertThat(empty.storageBytes()).isPositive();

            String payload = "{\"blob\": \"" + "x".repeat(2_000) + "\"}";
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                jobs.add(NewJob.of("fill").withPayload(payload));
            }
            store.jobs().createAll(jobs);

            assertThat(store.maintenance().health().storageBytes())
                    .as("2 MB of payloads (TOAST-compressed, but still several pages)")
                    .isGreaterThan(empty.storageBytes() + 64 * 1024);
        }
    }

    @Test
    void sizeCountsOnlyThisStoresSchema() {
        String small = DATABASE.newSchema();
        String large = DATABASE.newSchema();
        try (Datastore smallStore = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(small).build());
             Datastore largeStore = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(large).build())) {
            long before = smallStore.maintenance().health().storageBytes();
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                jobs.add(NewJob.of("fill").withPayload("{\"n\": " + i + "}"));
            }
            largeStore.jobs().createAll(jobs);
            assertThat(largeStore.maintenance().health().storageBytes()).isGreaterThan(before);
            assertThat(smallStore.maintenance().health().storageBytes()).isEqualTo(before);
        }
    }
}
