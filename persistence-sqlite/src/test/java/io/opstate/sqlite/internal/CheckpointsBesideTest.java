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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's checkpoints beside its writer: they copy the log into the database while the writer
 * does not, the writer restarts the log once it holds enough frames, with durability FULL they run
 * only while callers crowd the commits, and closing ends the thread.
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
             CheckpointsBeside checkpoints = new CheckpointsBeside("test", () -> true, Integer.MAX_VALUE, 5)) {
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
             Connection reader = SqliteFile.connect(file);
             CheckpointsBeside checkpoints = new CheckpointsBeside("test", () -> true, restartFrames, 5)) {
            checkpoints.start(SqliteConnections.readWrite(file, config(file)));
            // A reader's snapshot over a frame not yet copied keeps every checkpoint beside from copying
            // the whole log, as a busy writer does: only the writer's own checkpoint can restart it then.
            insertRow(writer);
            try (Statement read = reader.createStatement()) {
                read.execute("BEGIN");
                read.executeQuery("SELECT count(*) FROM rows").close();
                commit(writer, checkpoints, 150);
                assertThat(eventually(checkpoints::restartWanted)).isTrue();
                read.execute("COMMIT");
            }
            int sequence = logSequence(file);

            commit(writer, checkpoints, 2); // the first checkpoints on the writer, the second restarts the log

            assertThat(checkpoints.restartWanted()).isFalse();
            assertThat(logSequence(file)).isGreaterThan(sequence);
        }
    }

    @Test
    void aStoreCopiesItsLogIntoTheDatabaseBesideItsWriter() throws Exception {
        Path file = folder.resolve("store.db");
        try (Datastore store = Persistence.open(config(file))) {
            long before = Files.size(file);
            createJobsOfRows(store, 50);

            // 50 commits write a few hundred frames: SQLite's own checkpoint would wait for 1,000
            assertThat(eventually(() -> Files.size(file) >= before + 50L * 3000)).isTrue();
            assertThat(checkpointThreads(file)).hasSize(1);
        }
        assertThat(checkpointThreads(file)).isEmpty();
    }

    @Test
    void whileNotEngagedTheWriterCheckpointsAsSqliteDoesByDefault() throws Exception {
        Path file = folder.resolve("engaged.db");
        AtomicBoolean engaged = new AtomicBoolean();
        try (Connection writer = writer(file, CheckpointsBeside.WRITER_DEFAULT_FRAMES);
             CheckpointsBeside checkpoints = new CheckpointsBeside("test", engaged::get, Integer.MAX_VALUE, 5)) {
            checkpoints.start(SqliteConnections.readWrite(file, config(file)));
            long before = Files.size(file);
            commit(writer, checkpoints, 100);
            Thread.sleep(200);

            // 100 rows of 3 kB are some 100 frames: nothing copies them before 1,000
            assertThat(Files.size(file)).isLessThan(before + 100L * 3000);
            assertThat(autocheckpoint(writer)).isEqualTo(CheckpointsBeside.WRITER_DEFAULT_FRAMES);

            engaged.set(true);
            commit(writer, checkpoints, 1);
            assertThat(autocheckpoint(writer)).isEqualTo(CheckpointsBeside.WRITER_BACKSTOP_FRAMES);
            assertThat(eventually(() -> Files.size(file) >= before + 101L * 3000)).isTrue();

            engaged.set(false);
            commit(writer, checkpoints, 1);
            assertThat(autocheckpoint(writer)).isEqualTo(CheckpointsBeside.WRITER_DEFAULT_FRAMES);
        }
    }

    @Test
    void aStoreWithDurabilityFullLeavesCheckpointsToALoneWriter() throws Exception {
        Path file = folder.resolve("full-alone.db");
        try (Datastore store = Persistence.open(full(file))) {
            long before = Files.size(file);
            createJobsOfRows(store, 50);
            Thread.sleep(200);

            // every commit syncs the log there; a checkpoint beside a lone writer would sync the database meanwhile
            assertThat(Files.size(file)).isLessThan(before + 50L * 3000);
        }
    }

    @Test
    void aStoreWithDurabilityFullCopiesItsLogBesideItsWriterWhileCallersCrowd() throws Exception {
        Path file = folder.resolve("full-crowd.db");
        int callers = 64;
        int rounds = 10;
        String text = "y".repeat(500);
        try (Datastore store = Persistence.open(full(file))) {
            long before = Files.size(file);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(callers);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    writes.add(threads.submit(() -> {
                        start.await();
                        for (int round = 0; round < rounds; round++) {
                            store.jobs().create(NewJob.of("t").withPayload("{\"text\":\"" + text + "\"}"));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> write : writes) {
                    write.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            // some 300 frames: the writer alone would copy nothing before 1,000
            assertThat(eventually(() -> Files.size(file) >= before + (long) callers * rounds * text.length()))
                    .isTrue();
        }
    }

    @Test
    void closingEndsTheThreadAndItsConnection() throws Exception {
        Path file = folder.resolve("close.db");
        Connection writer = writer(file, 0);
        CheckpointsBeside checkpoints = new CheckpointsBeside("closing", () -> true, Integer.MAX_VALUE, 5);
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

    /** Creates {@code jobs} jobs, one by one, each with a payload of one 3 kB row. */
    private static void createJobsOfRows(Datastore store, int jobs) {
        for (int i = 0; i < jobs; i++) {
            store.jobs().create(NewJob.of("t").withPayload("{\"text\":\"" + ROW + "\"}"));
        }
    }

    private static PersistenceConfig full(Path file) {
        return PersistenceConfig.builder(SqliteFile.url(file)).durability(Durability.FULL).build();
    }

    private static int autocheckpoint(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_autocheckpoint")) {
            result.next();
            return result.getInt(1);
        }
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

    /** One 3 kB row committed without telling the checkpoints: the thread does not wake for it. */
    private static void insertRow(Connection writer) throws SQLException {
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO rows (text) VALUES (?)")) {
            insert.setString(1, ROW);
            insert.executeUpdate();
        }
    }

    /** The log's checkpoint sequence number, from its header: SQLite adds one each time the log restarts. */
    private static int logSequence(Path file) throws IOException {
        try (FileChannel log = FileChannel.open(wal(file), StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            while (header.hasRemaining() && log.read(header) >= 0) {
                // the header's first 16 bytes; a short read reads on
            }
            return header.getInt(12);
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
