package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Durability;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.NewJob;
import io.opstate.sqlite.testing.SqliteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's checkpoints beside its writer: they copy the log into the database while the writer
 * does not, the writer restarts the log once it holds enough frames, and closing ends the thread.
 */
class CheckpointsBesideTest {
    private static final int PAGE = 4096;
    private static final String ROW = "x".repeat(3000);

    @TempDir
    Path folder;

    @Test
    void theLogReachesTheDatabaseWhileTheWriterNeverCheckpoints() throws Exception {
        Path file = folder.resolve("beside.db");
        try (Connection writer = writer(file, 0);
             CheckpointsBeside checkpoints = new CheckpointsBeside("test", Integer.MAX_VALUE, 5)) {
            checkpoints.start(SqliteConnections.readWrite(file, config(file)));
            long before = Files.size(file);
            commit(writer, checkpoints, 100);

            // 100 rows of 3 kB: far below SQLite's 1,000 frames, so only a checkpoint beside copies them
            assertThat(eventually(() -> Files.size(file) >= before + 100L * 3000)).isTrue();
        }
    }

    @Test
    void theWriterRestartsTheLogOnceItHoldsEnoughFrames() throws Exception {
        Path file = folder.resolve("restart.db");
        int restartFrames = 200;
        try (Connection writer = writer(file, 0);
             CheckpointsBeside checkpoints = new CheckpointsBeside("test", restartFrames, 5)) {
            checkpoints.start(SqliteConnections.readWrite(file, config(file)));
            commit(writer, checkpoints, 4000);

            // 4,000 transactions of a 3 kB row write at least 8,000 frames; a log that restarts stays far below
            long frames = Files.size(wal(file)) / (PAGE + 24);
            assertThat(frames).isLessThan(2500);
        }
    }

    @Test
    void aStoreCopiesItsLogIntoTheDatabaseBesideItsWriter() throws Exception {
        Path file = folder.resolve("store.db");
        try (Datastore store = Persistence.open(config(file))) {
            long before = Files.size(file);
            for (int i = 0; i < 50; i++) {
                store.jobs().create(NewJob.of("t").withPayload("{\"text\":\"" + ROW + "\"}"));
            }

            // 50 commits write a few hundred frames: SQLite's own checkpoint would wait for 1,000
            assertThat(eventually(() -> Files.size(file) >= before + 50L * 3000)).isTrue();
            assertThat(checkpointThreads(file)).hasSize(1);
        }
        assertThat(checkpointThreads(file)).isEmpty();
    }

    @Test
    void aStoreWithDurabilityFullLeavesCheckpointsToItsWriter() {
        Path file = folder.resolve("full.db");
        PersistenceConfig full = PersistenceConfig.builder(SqliteFile.url(file)).durability(Durability.FULL).build();
        try (Datastore store = Persistence.open(full)) {
            store.jobs().create(NewJob.of("t"));

            // every commit syncs the log there; a checkpoint beside would sync the database meanwhile
            assertThat(checkpointThreads(file)).isEmpty();
        }
    }

    @Test
    void closingEndsTheThreadAndItsConnection() throws Exception {
        Path file = folder.resolve("close.db");
        Connection writer = writer(file, 0);
        CheckpointsBeside checkpoints = new CheckpointsBeside("closing", Integer.MAX_VALUE, 5);
        checkpoints.start(SqliteConnections.readWrite(file, config(file)));
        commit(writer, checkpoints, 10);
        checkpoints.close();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals("opstate-sqlite-checkpoints closing"));
        // SQLite removes the log when the last connection to the file closes: the checkpoints' one is closed too
        writer.close();
        assertThat(wal(file)).doesNotExist();
    }

    private static List<Thread> checkpointThreads(Path file) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("opstate-sqlite-checkpoints ")
                        && thread.getName().endsWith(file.getFileName().toString()))
                .toList();
    }

    private static PersistenceConfig config(Path file) {
        return PersistenceConfig.builder(SqliteFile.url(file)).busyTimeout(Duration.ofSeconds(5)).build();
    }

    private static Connection writer(Path file, int autocheckpoint) throws SQLException {
        Connection connection = SqliteFile.connect(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA wal_autocheckpoint = " + autocheckpoint);
            statement.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, text TEXT)");
        }
        return connection;
    }

    /** Commits {@code transactions} transactions of one 3 kB row each, as the store's writer does. */
    private static void commit(Connection writer, CheckpointsBeside checkpoints, int transactions) throws SQLException {
        PlainConnection plain = PlainConnection.of(writer);
        try (Statement control = writer.createStatement();
             PreparedStatement insert = writer.prepareStatement("INSERT INTO rows (text) VALUES (?)")) {
            for (int i = 0; i < transactions; i++) {
                control.execute("BEGIN IMMEDIATE");
                insert.setString(1, ROW);
                insert.executeUpdate();
                control.execute("COMMIT");
                checkpoints.afterCommit(plain);
            }
        }
    }

    private static Path wal(Path file) {
        return file.resolveSibling(file.getFileName() + "-wal");
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws IOException;
    }

    /** Whether {@code check} holds within 5 s. */
    private static boolean eventually(Check check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(10);
        }
        return check.holds();
    }
}
