package io.opstate.postgres.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.jdbc.internal.search.SearchBackfill;
import io.opstate.postgres.testing.ChildProcesses;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.StoreSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Stores opened at the same moment on a schema that does not exist yet: created and migrated exactly once. */
class ConcurrentMigrationTest {
    private static final int THREADS = 4;

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @TempDir
    Path folder;

    @Test
    void threadsOpeningAFreshSchemaTogetherMigrateItOnce() throws Exception {
        String schema = DATABASE.newSchema();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Datastore> stores = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Datastore>> opening = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                opening.add(pool.submit(() -> {
                    start.await();
                    return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).build());
                }));
            }
            start.countDown();
            for (Future<Datastore> store : opening) {
                stores.add(store.get(1, TimeUnit.MINUTES));
            }
            for (Datastore store : stores) {
                store.history().append(NewHistoryEvent.of("opened"));
            }
            assertThat(StoreSnapshot.readAll(page -> stores.get(0).history().list(HistoryQuery.all(), page)))
                    .hasSize(THREADS);
            assertMigratedOnce(schema);
        } finally {
            stores.forEach(Datastore::close);
            pool.shutdownNow();
        }
    }

    @Test
    void processesOpeningAFreshSchemaTogetherMigrateItOnce() throws Exception {
        String schema = DATABASE.newSchema();
        String startAt = Long.toString(System.currentTimeMillis() + 4_000);
        try (ChildProcesses children = new ChildProcesses(folder)) {
            for (int i = 0; i < 3; i++) {
                children.start(OpenAt.class, PostgresTestDatabase.url(), schema, startAt);
            }
            OpenAt.main(new String[] {PostgresTestDatabase.url(), schema, startAt});
            children.awaitSuccess(Duration.ofMinutes(2));
            for (int i = 0; i < 3; i++) {
                assertThat(children.output(i)).containsExactly("opened");
            }
        }
        assertMigratedOnce(schema);
        try (Connection connection = PostgresTestDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM " + schema + ".opstate_history")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(4);
        }
    }

    /**
     * Each migration recorded once, applied successfully: the baseline of a new store (B2) first,
     * then the versions after it up to the library's (version 7 written in Java); no schema
     * creation marker, no failure.
     */
    private static void assertMigratedOnce(String schema) throws SQLException {
        try (Connection connection = PostgresTestDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, type, success FROM " + schema + "."
                     + SchemaMigrator.HISTORY_TABLE + " ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                String written = String.valueOf(SearchBackfill.VERSION).equals(rows.getString(1)) ? "JDBC" : "SQL";
                assertThat(rows.getString(2) + " " + rows.getBoolean(3))
                        .isEqualTo(versions.isEmpty() ? "SQL_BASELINE true" : written + " true");
                versions.add(rows.getString(1));
            }
            assertThat(versions).startsWith("2").endsWith(String.valueOf(SchemaMigrator.CURRENT_VERSION))
                    .doesNotHaveDuplicates();
        }
    }
}
