package io.opstate.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Writes the job table of {@link ScaleStore} straight through JDBC: {@code rows} valid rows of
 * OpState's schema (V1), as a store that has been running for {@link #SPAN} would hold them.
 * A million rows through the API would take minutes; this takes seconds. SQLite: multi-row
 * {@code INSERT}s in transactions of {@value #TRANSACTION_ROWS} rows on a connection of its own;
 * PostgreSQL: one {@code COPY ... FREEZE} after a {@code TRUNCATE} in the same transaction (so
 * rows are written frozen, as long-lived rows would be after autovacuum).
 *
 * <p>The table, oldest first:
 * <ul>
 *   <li>history over {@code [t0 - SPAN, t0 - 1 h)}, evenly spread with jitter: 90 % succeeded,
 *       7 % failed (attempts used up), 3 % cancelled while queued;</li>
 *   <li>{@value #RUNNING} running jobs created 60-70 minutes before {@code t0}, leases ending at
 *       {@code t0 + 1 h} (other workers' jobs: not claimable during the run);</li>
 *   <li>{@value #QUEUED} queued jobs created 60 to 10 minutes before {@code t0}, due (a backlog).</li>
 * </ul>
 * The same absolute queue at every table size: what grows with the table is the history, as in
 * a real store. Types: thumbnail 50 %, report 20 %, email 20 %, sync 10 %; priority 0; payload
 * {@link Payloads#JOB}; ids UUIDv7 made from the creation time and increasing with it, like the
 * library's. Every row is created before {@code t0}, so whatever the benchmarks write is after it.
 */
final class ScaleFill {
    static final Duration SPAN = Duration.ofDays(30);
    static final int QUEUED = 3_000;
    static final int RUNNING = 10;
    static final int TRANSACTION_ROWS = 50_000;
    private static final int ROWS_PER_INSERT = 200;
    private static final String COLUMNS = "id, type, status, stage, progress, bytes_done, bytes_total, message,"
            + " payload, result, error, error_detail, attempts, max_attempts, priority, created_at, updated_at,"
            + " started_at, finished_at, not_before, worker_id, lease_expires_at, claim_token, version";
    private static final int COLUMN_COUNT = 24;
    private static final String[] TYPES = {"thumbnail", "thumbnail", "thumbnail", "thumbnail", "thumbnail",
            "report", "report", "email", "email", "sync"};
    private static final DateTimeFormatter SQLITE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PG_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);
    private static final String ERROR_DETAIL = "java.io.IOException: upstream returned 503\n\tat"
            + " com.example.thumbs.Fetcher.fetch(Fetcher.java:88)\n\tat com.example.thumbs.Worker.run(Worker.java:41)";

    private ScaleFill() {
    }

    /** What the fill wrote. {@code t0}: every row is older; the benchmarks' writes are newer. */
    record Filled(Instant t0, long rows, long succeeded, long failed, long cancelled, long running, long queued,
                  double seconds) {
        @Override
        public String toString() {
            return String.format("%,d rows (succeeded %,d, failed %,d, cancelled %,d, running %,d, queued %,d)"
                    + " in %.1f s", rows, succeeded, failed, cancelled, running, queued, seconds);
        }
    }

    /** One row, as column values in {@link #COLUMNS} order (times as {@link Instant}, JSON as text). */
    private static final class Row {
        final Object[] values = new Object[COLUMN_COUNT];
    }

    /** Fills the (empty, migrated) jobs table of {@code env} with {@code rows} jobs. */
    static Filled fill(BenchEnv env, int rows) throws SQLException {
        if (rows < QUEUED + RUNNING + 100) {
            throw new IllegalArgumentException("at least " + (QUEUED + RUNNING + 100) + " rows, got " + rows);
        }
        long started = System.nanoTime();
        try (Connection connection = env.connect(false)) {
            Instant t0 = now(env, connection);
            Generator generator = new Generator(t0, rows);
            if (env.backend().postgres()) {
                copy(connection, generator);
            } else {
                insert(connection, generator);
            }
            Fill.advanceClaimTokens(env, connection, rows);
            return new Filled(t0, rows, generator.succeeded, generator.failed, generator.cancelled, RUNNING, QUEUED,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The clock the store stamps rows with: the server's on PostgreSQL (OpState's default), else the host's. */
    static Instant now(BenchEnv env, Connection connection) throws SQLException {
        if (!env.backend().postgres()) {
            return Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT statement_timestamp()")) {
            result.next();
            return result.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    /** Binds a time the way the store keeps it. */
    static void setTime(BenchEnv env, PreparedStatement statement, int index, Instant time) throws SQLException {
        if (env.backend().postgres()) {
            statement.setObject(index, time.atOffset(ZoneOffset.UTC));
        } else {
            statement.setString(index, SQLITE_TIME.format(time));
        }
    }

    private static void insert(Connection connection, Generator generator) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // The filling connection only: the store's own connections keep OpState's settings.
            statement.execute("PRAGMA synchronous = OFF");
            statement.execute("PRAGMA cache_size = -524288");
        }
        try (PreparedStatement full = connection.prepareStatement(insertSql(ROWS_PER_INSERT));
             Statement control = connection.createStatement()) {
            int inTransaction = 0;
            control.execute("BEGIN IMMEDIATE");
            while (generator.hasNext()) {
                int batch = (int) Math.min(ROWS_PER_INSERT, generator.remaining());
                PreparedStatement target = batch == ROWS_PER_INSERT ? full
                        : connection.prepareStatement(insertSql(batch));
                try {
                    int index = 1;
                    for (int r = 0; r < batch; r++) {
                        Object[] row = generator.next().values;
                        for (Object value : row) {
                            bindSqlite(target, index++, value);
                        }
                    }
                    target.executeUpdate();
                } finally {
                    if (target != full) {
                        target.close();
                    }
                }
                inTransaction += batch;
                if (inTransaction >= TRANSACTION_ROWS) {
                    control.execute("COMMIT");
                    control.execute("BEGIN IMMEDIATE");
                    inTransaction = 0;
                }
            }
            control.execute("COMMIT");
            // Write the file out now, with an fsync: else the first checkpoint of the benchmark
            // (which fsyncs) pays for flushing a gigabyte of dirty pages inside the measured time.
            control.execute("PRAGMA synchronous = FULL");
            control.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO opstate_jobs (" + COLUMNS + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(", ?".repeat(COLUMN_COUNT - 1)).append(')');
        }
        return sql.toString();
    }

    private static void bindSqlite(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant time) {
            statement.setString(index, SQLITE_TIME.format(time));
        } else {
            statement.setObject(index, value);
        }
    }

    private static void copy(Connection connection, Generator generator) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE opstate_jobs");
            }
            // One COPY, fed in chunks of CSV text: FREEZE needs the TRUNCATE in the same transaction.
            var copyIn = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY opstate_jobs (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv, FREEZE true)");
            try {
                StringBuilder csv = new StringBuilder(1 << 20);
                while (generator.hasNext()) {
                    Object[] row = generator.next().values;
                    for (int c = 0; c < row.length; c++) {
                        if (c > 0) {
                            csv.append(',');
                        }
                        csvValue(csv, row[c]);
                    }
                    csv.append('\n');
                    if (csv.length() > (1 << 20) - 4096 || !generator.hasNext()) {
                        byte[] bytes = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        copyIn.writeToCopy(bytes, 0, bytes.length);
                        csv.setLength(0);
                    }
                }
                copyIn.endCopy();
            } finally {
                if (copyIn.isActive()) {
                    copyIn.cancelCopy();
                }
            }
            connection.commit();
            // Written out now rather than by a checkpoint during the measurement (needs superuser).
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            } catch (SQLException e) {
                System.out.println("# scale-fill: no CHECKPOINT after the fill: " + e.getMessage());
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private static void csvValue(StringBuilder csv, Object value) {
        if (value == null) {
            return; // unquoted empty: NULL in CSV format
        }
        if (value instanceof Instant time) {
            csv.append(PG_TIME.format(time));
        } else if (value instanceof String text) {
            csv.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            csv.append(value);
        }
    }

    /** The rows, oldest first, from a fixed seed: every trial of a size gets the same table. */
    private static final class Generator {
        private final Random random = new Random(20261122L);
        private final Instant t0;
        private final int rows;
        private final int history;
        private final Instant historyStart;
        private final long historyStepMicros;
        private final long queueStepMicros;
        private int next;
        long succeeded;
        long failed;
        long cancelled;

        Generator(Instant t0, int rows) {
            this.t0 = t0;
            this.rows = rows;
            this.history = rows - RUNNING - QUEUED;
            this.historyStart = t0.minus(SPAN);
            this.historyStepMicros = (SPAN.toNanos() / 1_000 - 3_600_000_000L) / history;
            this.queueStepMicros = (3_600_000_000L - 600_000_000L) / QUEUED;
        }

        boolean hasNext() {
            return next < rows;
        }

        long remaining() {
            return rows - next;
        }

        Row next() {
            int i = next++;
            Row row = new Row();
            Object[] v = row.values;
            String type = TYPES[random.nextInt(TYPES.length)];
            Instant created;
            if (i < history) {
                created = historyStart.plus(i * historyStepMicros + (long) (random.nextDouble() * historyStepMicros),
                        ChronoUnit.MICROS);
            } else if (i < history + RUNNING) {
                // created and started in the ten minutes before the queue's hour
                created = t0.minus(Duration.ofMinutes(70)).plus((i - history) * 30L, ChronoUnit.SECONDS);
            } else {
                created = t0.minus(Duration.ofMinutes(60))
                        .plus((i - history - RUNNING) * queueStepMicros, ChronoUnit.MICROS);
            }
            v[0] = uuid7(created, random);
            v[1] = type;
            v[5] = 0L;                 // bytes_done
            v[8] = Payloads.JOB;       // payload
            v[13] = 3;                 // max_attempts
            v[14] = 0;                 // priority
            v[15] = created;
            v[19] = created;           // not_before
            if (i >= history + RUNNING) {
                queued(v, created);
            } else if (i >= history) {
                running(v, created);
            } else {
                int roll = random.nextInt(100);
                if (roll < 90) {
                    succeeded(v, created);
                    succeeded++;
                } else if (roll < 97) {
                    failed(v, created);
                    failed++;
                } else {
                    cancelled(v, created);
                    cancelled++;
                }
            }
            return row;
        }

        private void queued(Object[] v, Instant created) {
            v[2] = "queued";
            v[12] = 0;
            v[16] = created;
            v[22] = 0L;
            v[23] = 1L;
        }

        private void running(Object[] v, Instant created) {
            Instant started = created.plusMillis(200 + random.nextInt(2_000));
            v[2] = "running";
            v[3] = "resize";
            v[4] = 0.5;
            v[12] = 1;
            v[16] = started.plusSeconds(20);
            v[17] = started;
            v[20] = "worker-" + random.nextInt(8);
            v[21] = t0.plus(Duration.ofHours(1));
            v[22] = (long) next;       // claim_token: unique, as the store's generator hands them out
            v[23] = 3L;
        }

        private void succeeded(Object[] v, Instant created) {
            Instant started = created.plusMillis(50 + random.nextInt(5_000));
            Instant finished = started.plusMillis(200 + random.nextInt(30_000));
            v[2] = "succeeded";
            v[4] = 1.0;
            v[9] = Payloads.RESULT;
            v[12] = 1;
            v[16] = finished;
            v[17] = started;
            v[18] = finished;
            v[20] = "worker-" + random.nextInt(8);
            v[22] = (long) next;
            v[23] = 3L;
        }

        private void failed(Object[] v, Instant created) {
            Instant started = created.plusSeconds(60 + random.nextInt(300));
            Instant finished = started.plusMillis(200 + random.nextInt(30_000));
            v[2] = "failed";
            v[3] = "fetch";
            v[4] = 0.1;
            v[10] = "upstream returned 503";
            v[11] = ERROR_DETAIL;
            v[12] = 3;
            v[16] = finished;
            v[17] = started;
            v[18] = finished;
            v[20] = "worker-" + random.nextInt(8);
            v[22] = (long) next;
            v[23] = 9L;
        }

        private void cancelled(Object[] v, Instant created) {
            Instant finished = created.plusSeconds(1 + random.nextInt(600));
            v[2] = "cancelled";
            v[12] = 0;
            v[16] = finished;
            v[18] = finished;
            v[22] = 0L;
            v[23] = 2L;
        }
    }

    /** A UUIDv7 for a row created at {@code created}: its milliseconds, then random bits (creation order = id order at this spacing). */
    private static String uuid7(Instant created, Random random) {
        long millis = created.toEpochMilli();
        long most = (millis << 16) | 0x7000L | (random.nextInt() & 0xFFFL);
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
