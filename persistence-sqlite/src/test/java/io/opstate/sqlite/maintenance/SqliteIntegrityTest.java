package io.opstate.sqlite.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.constructs.NewConstruct;
import io.opstate.jobs.NewJob;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's checks of the integrity check on damage provoked behind the store's back: a foreign key
 * broken with foreign keys off, a page of an index overwritten, rows of a session that does not
 * exist; and incremental vacuum giving free pages back.
 */
class SqliteIntegrityTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenForeignKeyAndAnOrphanCheckpointAreErrors() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            store.constructs().create(NewConstruct.of("feature", "active").withId("c1"));
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            statement.execute("INSERT INTO opstate_sessions (id, construct_id, status, started_at, created_at, updated_at)"
                    + " VALUES ('s1', 'no-such-construct', 'RUNNING', '2026-01-01T00:00:00.000000Z',"
                    + " '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')");
            statement.execute("INSERT INTO opstate_session_checkpoints (session_id, version, state, saved_at)"
                    + " VALUES ('gone', 1, '{}', '2026-01-01T00:00:00.000000Z')");
        }
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            IntegrityReport report = store.maintenance().checkIntegrity();
            assertThat(report.damaged()).isTrue();
            assertThat(report.problems()).anySatisfy(problem -> {
                assertThat(problem.area()).isEqualTo("foreign-keys");
                assertThat(problem.detail()).contains("opstate_sessions", "opstate_constructs");
            });
            assertThat(report.problems()).anySatisfy(problem -> {
                assertThat(problem.area()).isEqualTo("sessions");
                assertThat(problem.detail()).contains("gone", "opstate_session_checkpoints");
            });
        }
    }

    @Test
    void anOverwrittenIndexPageIsFoundNotThrown() throws Exception {
        Path file = dir.resolve("store.db");
        String url = "jdbc:sqlite:" + file;
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            for (int i = 0; i < 2_000; i++) {
                store.jobs().create(NewJob.of("build-" + (i % 7)));
            }
        }
        long pageSize;
        long rootPage;
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            try (ResultSet size = statement.executeQuery("PRAGMA page_size")) {
                size.next();
                pageSize = size.getLong(1);
            }
            try (ResultSet root = statement.executeQuery("SELECT rootpage FROM sqlite_master WHERE type = 'index'"
                    + " AND tbl_name = 'opstate_jobs' AND sql IS NOT NULL ORDER BY name LIMIT 1")) {
                root.next();
                rootPage = root.getLong(1);
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek((rootPage - 1) * pageSize);
            byte[] garbage = new byte[(int) pageSize];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            raw.write(garbage);
        }
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            IntegrityReport report = store.maintenance().checkIntegrity();
            assertThat(report.damaged()).as(report.toString()).isTrue();
            assertThat(report.problems()).allSatisfy(problem ->
                    assertThat(problem.severity()).isEqualTo(IntegrityProblem.Severity.ERROR));
            assertThat(report.problems()).anySatisfy(problem -> assertThat(problem.area()).isEqualTo("database"));
        }
    }

    @Test
    void optimizeAndCheckpointRefuseToRunInsideATransaction() {
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.useTransaction(tx -> tx.maintenance().optimize()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.useTransaction(tx -> tx.maintenance().checkpoint()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.maintenance().checkpoint().performed()).isTrue();
        }
    }

    @Test
    void incrementalVacuumSwitchesTheFileOnceThenGivesFreePagesBack() {
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            String payload = "{\"blob\": \"" + "x".repeat(4_000) + "\"}";
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                ids.add(store.jobs().create(NewJob.of("fill").withPayload(payload)).id());
            }
            var first = store.maintenance().optimize(VacuumMode.INCREMENTAL, ProgressListener.NONE, Cancellation.none());
            assertThat(first.steps()).contains("PRAGMA auto_vacuum = INCREMENTAL; VACUUM");
            ids.forEach(store.jobs()::delete);
            store.maintenance().checkpoint();
            var second = store.maintenance().optimize(VacuumMode.INCREMENTAL, ProgressListener.NONE, Cancellation.none());
            assertThat(second.steps()).contains("PRAGMA incremental_vacuum(2000)");
            store.maintenance().checkpoint();
            long after = store.maintenance().statistics().databaseBytes();
            assertThat(after).as("bytes before %s", second.bytesBefore()).isLessThan(second.bytesBefore() / 2);
        }
    }
}
