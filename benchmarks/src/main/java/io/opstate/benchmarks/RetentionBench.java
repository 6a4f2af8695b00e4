package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.history.NewHistoryEvent;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionEntity;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writers' latency while retention removes many rows. A store is filled with plain SQL with
 * {@code --rows} history events (default 1,000,000) a year old; then {@value #WRITERS} threads
 * append history events through the API, first alone for {@code --seconds} (default 10), then
 * while {@code prune} removes the old events ({@code historyOlderThan(30 days)}, batches of
 * {@code --batch} rows, default 1,000) on another thread, until it ends. Prints, for both phases,
 * each writer call's latency (median, p99, p99.9, worst) and the appends per second, and the
 * prune's time. The measured window is the prune, whose length is not known in advance, so this
 * is a plain harness rather than a JMH benchmark with fixed iterations.
 *
 * <p>Arguments: {@code [--rows n] [--seconds s] [--batch n] sqlite|postgres...} (PostgreSQL URL
 * from {@code OPSTATE_BENCH_POSTGRES_URL}, else schema {@code retentionbench} of the local server,
 * dropped first).
 */
public final class RetentionBench {
    static final int WRITERS = 8;
    private static final String OLD = "2025-01-01T00:00:00.000000Z";

    private RetentionBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        int seconds = 10;
        int batch = RetentionPolicy.DEFAULT_BATCH_SIZE;
        List<String> backends = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> backends.add(args[i]);
            }
        }
        for (String backend : backends.isEmpty() ? List.of("sqlite") : backends) {
            run(backend, rows, seconds, batch);
        }
    }

    private static void run(String backend, long rows, int seconds, int batch) throws Exception {
        Path work = Files.createTempDirectory("opstate-retention-bench-");
        try {
            String url = backend.equals("postgres") ? freshPostgresSchema() : "jdbc:sqlite:" + work.resolve("retention.db");
            Persistence.open(url).close(); // creates the schema
            long start = System.nanoTime();
            fill(url, rows, backend.equals("postgres"));
            System.out.printf("%s: filled %,d history events a year old with SQL in %.1f s%n", backend, rows,
                    (System.nanoTime() - start) / 1e9);
            try (Datastore store = Persistence.open(url)) {
                WritersMeanwhile.Latencies alone = write(store,
                        () -> WritersMeanwhile.sleep(Duration.ofSeconds(seconds)));
                long[] pruned = new long[2];
                WritersMeanwhile.Latencies during = write(store, () -> {
                    long begun = System.nanoTime();
                    RetentionReport report = store.maintenance().prune(RetentionPolicy.builder()
                            .historyOlderThan(Duration.ofDays(30)).batchSize(batch).build(), PruneMode.DELETE);
                    pruned[0] = report.rows(RetentionEntity.HISTORY);
                    pruned[1] = System.nanoTime() - begun;
                });
                System.out.printf("%s: prune removed %,d rows in %.1f s (%,.0f rows/s), batches of %,d%n", backend,
                        pruned[0], pruned[1] / 1e9, pruned[0] / (pruned[1] / 1e9), batch);
                System.out.printf("%s: %d writers alone:           %s%n", backend, WRITERS, alone);
                System.out.printf("%s: %d writers during the prune: %s%n", backend, WRITERS, during);
                if (pruned[0] != rows) {
                    throw new IllegalStateException("the prune removed " + pruned[0] + " rows, not " + rows);
                }
            }
        } finally {
            ArtifactBench.deleteTree(work);
        }
    }

    private static void fill(String url, long rows, boolean postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(postgres
                    ? "INSERT INTO opstate_history (event, subject_id, metadata, occurred_at) SELECT 'bench.old',"
                            + " 'subject-' || (i % 1000), NULL, TIMESTAMPTZ '" + OLD + "' + i * INTERVAL '1 millisecond'"
                            + " FROM generate_series(0, " + (rows - 1) + ") AS i"
                    : "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + (rows - 1) + ")"
                            + " INSERT INTO opstate_history (event, subject_id, metadata, occurred_at) SELECT 'bench.old',"
                            + " 'subject-' || (i % 1000), NULL, strftime('%Y-%m-%dT%H:%M:%f000Z', '2025-01-01', '+' || i"
                            + " || ' seconds') FROM n");
            connection.commit();
            if (postgres) {
                connection.setAutoCommit(true);
                statement.execute("ANALYZE opstate_history");
            }
        }
    }

    /** {@value #WRITERS} threads appending history events while {@code during} runs on this thread. */
    private static WritersMeanwhile.Latencies write(Datastore store, Runnable during) throws Exception {
        return WritersMeanwhile.run(WRITERS, writer -> store.history().append(NewHistoryEvent.of("bench.write")), during);
    }

    private static String freshPostgresSchema() throws java.sql.SQLException {
        String url = System.getenv("OPSTATE_BENCH_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=retentionbench";
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS retentionbench CASCADE");
        }
        return url;
    }
}
