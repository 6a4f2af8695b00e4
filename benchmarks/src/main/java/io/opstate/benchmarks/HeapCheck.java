package io.opstate.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.SortOrder;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.transcripts.TranscriptEntry;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Proof that reading a whole large table needs a small, bounded heap: for SQLite (a file in a
 * temporary directory) and PostgreSQL (schema {@value #PG_SCHEMA}, dropped and recreated, when a
 * server answers at {@link BenchEnv#PG_URL}), fills {@code --rows} jobs and as many history events
 * (default 1,000,000) with set-based SQL on a connection of its own, then starts a child JVM with
 * {@code -Xmx}{@value #HEAP} that opens the store through {@link Persistence#open} and reads every
 * row four ways, newest first: jobs listed page by page (1,000 a page), jobs streamed, and the
 * same for history. The child checks the count and the order, prints rows/s, the peak heap
 * used (sum of the heap pools' peaks) and the most heap still used after a collection (the live
 * data), and exits non-zero on a wrong count or order, or (with {@code -XX:+ExitOnOutOfMemoryError},
 * exit 3) on OutOfMemoryError. With 1,000,000 rows or more, a last child collects the SQLite jobs
 * into a list in the same heap and is expected to run out of memory, showing the limit is real.
 * The memory backend is excluded: its data lives in the heap. Run by {@code benchmarks/heap.sh};
 * exits non-zero when any check fails. With {@code --transcript} it checks a transcript instead
 * ({@code benchmarks/transcripts.sh}): one session of {@code --rows} entries written by
 * {@link TranscriptFixture}, read whole in the same child heap, streamed
 * ({@code transcripts().stream(session)}) and chunk by chunk ({@code read(session, after, 1000)}).
 */
public final class HeapCheck {
    static final String HEAP = "64m";
    static final String PG_SCHEMA = "heapcheck";
    private static final int JVM_OUT_OF_MEMORY_EXIT = 3;
    /** From this many jobs on, collecting them all into a list cannot fit in {@value #HEAP}. */
    private static final long CONTROL_ROWS = 1_000_000;
    /** Rows read untimed before the first measurement, so that it does not pay the JIT's warm-up alone. */
    private static final long WARM_UP_ROWS = 50_000;
    private static final double MIB = 1024 * 1024;
    /** 2026-01-01T00:00:00Z; four consecutive rows share each millisecond after it, so ids break ties. */
    private static final long BASE_EPOCH_SECOND = 1_767_225_600L;
    private static final String SQLITE_TIME = "strftime('%Y-%m-%dT%H:%M:%S', " + BASE_EPOCH_SECOND
            + " + (i / 4) / 1000, 'unixepoch') || printf('.%06dZ', ((i / 4) % 1000) * 1000)";
    private static final String SQLITE_ROWS = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)";
    private static final String PG_TIME = "timestamptz '2026-01-01 00:00:00+00' + (i / 4) * interval '1 millisecond'";
    private static final String PG_ROWS = " FROM generate_series(0, ? - 1) AS i";

    private HeapCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("--child")) {
            System.exit(child(args[0], args[1], args[2], Long.parseLong(args[3])));
        }
        long rows = 1_000_000;
        boolean transcript = false;
        List<String> backends = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rows")) {
                rows = Long.parseLong(args[++i]);
            } else if (args[i].equals("--transcript")) {
                transcript = true;
            } else {
                backends.add(args[i]);
            }
        }
        if (backends.isEmpty()) {
            backends = List.of("sqlite", "postgres");
        }
        if (transcript) {
            System.out.printf(Locale.ROOT, "# heap check: a transcript of %,d entries per backend (TranscriptFixture),"
                    + " read in a child JVM with -Xmx%s%n# memory backend: excluded (its data lives in the heap)%n", rows, HEAP);
        } else {
            System.out.printf(Locale.ROOT, "# heap check: %,d jobs and %,d history events per backend, read in a child JVM"
                    + " with -Xmx%s%n# memory backend: excluded (its data lives in the heap, so its size is the table's)%n",
                    rows, rows, HEAP);
        }
        boolean ok = true;
        for (String backend : backends) {
            ok &= switch (backend) {
                case "sqlite" -> transcript ? transcriptSqlite(rows) : sqlite(rows);
                case "postgres" -> transcript ? transcriptPostgres(rows) : postgres(rows);
                default -> throw new IllegalArgumentException("unknown backend " + backend + ", expected sqlite or postgres");
            };
        }
        System.out.println(ok ? "# heap check: PASS" : "# heap check: FAIL");
        System.exit(ok ? 0 : 1);
    }

    private static boolean sqlite(long rows) throws Exception {
        Path dir = Files.createTempDirectory("opstate-heapcheck-");
        String url = "jdbc:sqlite:" + dir.resolve("heapcheck.db");
        try {
            Persistence.open(PersistenceConfig.builder(url).build()).close();
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA synchronous = OFF");
                fill("sqlite", connection, rows,
                        SQLITE_ROWS + " INSERT INTO opstate_jobs (id, type, status, payload, max_attempts, created_at, updated_at,"
                                + " not_before) SELECT printf('job-%07d', i), 'thumbnail', 'queued', ?, 3, t, t, t"
                                + " FROM (SELECT i, " + SQLITE_TIME + " AS t FROM n)",
                        SQLITE_ROWS + " INSERT INTO opstate_history (event, subject_id, metadata, occurred_at)"
                                + " SELECT 'job.created', printf('job-%07d', i), ?, " + SQLITE_TIME + " FROM n",
                        true);
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            System.out.printf(Locale.ROOT, "  database file: %,d MiB%n", Files.size(dir.resolve("heapcheck.db")) >> 20);
            boolean ok = readInChild("sqlite", url, "-", rows);
            return rows >= CONTROL_ROWS ? control(url, rows) && ok : ok;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static boolean postgres(long rows) throws Exception {
        String url = BenchEnv.PG_URL + (BenchEnv.PG_URL.contains("?") ? "&" : "?") + "user=" + BenchEnv.PG_USER;
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            Persistence.open(PersistenceConfig.builder(url).schema(PG_SCHEMA).build()).close();
            statement.execute("SET search_path = " + PG_SCHEMA);
            statement.execute("SET synchronous_commit = off");
            fill("postgres", connection, rows,
                    "INSERT INTO opstate_jobs (id, type, status, payload, max_attempts, created_at, updated_at, not_before)"
                            + " SELECT 'job-' || lpad(i::text, 7, '0'), 'thumbnail', 'queued', CAST(? AS jsonb), 3, t, t, t"
                            + " FROM (SELECT i, " + PG_TIME + " AS t" + PG_ROWS + ") s",
                    "INSERT INTO opstate_history (event, subject_id, metadata, occurred_at) SELECT 'job.created',"
                            + " 'job-' || lpad(i::text, 7, '0'), CAST(? AS jsonb), " + PG_TIME + PG_ROWS,
                    false);
            statement.execute("ANALYZE opstate_jobs");
            statement.execute("ANALYZE opstate_history");
            try {
                return readInChild("postgres", url, PG_SCHEMA, rows);
            } finally {
                statement.execute("DROP SCHEMA " + PG_SCHEMA + " CASCADE");
            }
        } catch (SQLException e) {
            if (!"08001".equals(e.getSQLState()) && !"08004".equals(e.getSQLState())) {
                throw e;
            }
            System.out.printf("== postgres: skipped, no server at %s (%s)%n", BenchEnv.PG_URL, e.getMessage());
            return true;
        }
    }

    /** The transcript check on SQLite: a file in a temporary directory, filled by {@link TranscriptFixture}. */
    private static boolean transcriptSqlite(long rows) throws Exception {
        Path dir = Files.createTempDirectory("opstate-heapcheck-");
        String url = "jdbc:sqlite:" + dir.resolve("heapcheck.db");
        try {
            Persistence.open(PersistenceConfig.builder(url).build()).close();
            System.out.println("== sqlite");
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA synchronous = OFF");
                TranscriptFixture.fill(connection, false, rows);
            }
            System.out.printf(Locale.ROOT, "  database file: %,d MiB%n", Files.size(dir.resolve("heapcheck.db")) >> 20);
            return readInChild("sqlite", "--child-transcript", url, "-", rows);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The transcript check on PostgreSQL: schema {@value #PG_SCHEMA}, dropped and recreated, dropped at the end. */
    private static boolean transcriptPostgres(long rows) throws Exception {
        String url = BenchEnv.PG_URL + (BenchEnv.PG_URL.contains("?") ? "&" : "?") + "user=" + BenchEnv.PG_USER;
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            Persistence.open(PersistenceConfig.builder(url).schema(PG_SCHEMA).build()).close();
            statement.execute("SET search_path = " + PG_SCHEMA);
            statement.execute("SET synchronous_commit = off");
            System.out.println("== postgres");
            TranscriptFixture.fill(connection, true, rows);
            try {
                return readInChild("postgres", "--child-transcript", url, PG_SCHEMA, rows);
            } finally {
                statement.execute("DROP SCHEMA " + PG_SCHEMA + " CASCADE");
            }
        } catch (SQLException e) {
            if (!"08001".equals(e.getSQLState()) && !"08004".equals(e.getSQLState())) {
                throw e;
            }
            System.out.printf("== postgres: skipped, no server at %s (%s)%n", BenchEnv.PG_URL, e.getMessage());
            return true;
        }
    }

    /** Runs the two inserts, each one statement in its own transaction; {@code rowsFirst}: the row count is bound first. */
    private static void fill(String backend, Connection connection, long rows, String jobs, String history,
                             boolean rowsFirst) throws SQLException {
        System.out.printf(Locale.ROOT, "== %s%n", backend);
        for (String[] table : new String[][] {{"jobs", jobs, Payloads.JOB}, {"history events", history, Payloads.METADATA}}) {
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(table[1])) {
                insert.setLong(rowsFirst ? 1 : 2, rows);
                insert.setString(rowsFirst ? 2 : 1, table[2]);
                insert.executeUpdate();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "  fill: %,d %s in %.1f s (%,.0f rows/s, one INSERT ... SELECT)%n",
                    rows, table[0], seconds, rows / seconds);
        }
    }

    private static boolean readInChild(String backend, String url, String schema, long rows) throws Exception {
        return readInChild(backend, "--child", url, schema, rows);
    }

    private static boolean readInChild(String backend, String mode, String url, String schema, long rows) throws Exception {
        int exit = runChild(mode, url, schema, rows);
        if (exit == 0) {
            return true;
        }
        System.out.printf("  FAIL on %s: child exited %d%s%n", backend, exit,
                exit == JVM_OUT_OF_MEMORY_EXIT ? " (OutOfMemoryError)" : "");
        return false;
    }

    /** The negative control: collecting every job in a list must run out of the same heap. */
    private static boolean control(String url, long rows) throws Exception {
        int exit = runChild("--child-collect", url, "-", rows);
        boolean ok = exit == JVM_OUT_OF_MEMORY_EXIT;
        System.out.printf("  control, jobs().stream(...).toList() in -Xmx%s: %s%n", HEAP,
                ok ? "OutOfMemoryError, as expected" : "FAIL: child exited " + exit + ", expected an OutOfMemoryError");
        return ok;
    }

    private static int runChild(String mode, String url, String schema, long rows) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (!mode.equals("--child-collect")) {
            command.add("-XX:+ExitOnOutOfMemoryError");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HeapCheck.class.getName(),
                mode, url, schema, Long.toString(rows)));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IOException("cannot start the child JVM: " + command, e);
        }
    }

    private static int child(String mode, String url, String schema, long rows) {
        PersistenceConfig.Builder config = PersistenceConfig.builder(url);
        if (!schema.equals("-")) {
            config.schema(schema);
        }
        try (Datastore store = Persistence.open(config.build())) {
            if (mode.equals("--child-collect")) {
                return collect(store);
            }
            if (mode.equals("--child-transcript")) {
                return readTranscript(store, rows);
            }
            System.out.printf(Locale.ROOT, "  child JVM: max heap %d MiB, GC %s; store open, %.1f MiB used after GC%n",
                    Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                    usedAfterGc() / MIB);
            store.jobs().stream(JobQuery.all(), SortOrder.NEWEST_FIRST).limit(WARM_UP_ROWS).count();
            store.history().stream(HistoryQuery.all(), SortOrder.NEWEST_FIRST).limit(WARM_UP_ROWS).count();
            Comparator<Job> newestJob = Comparator.comparing(Job::createdAt).thenComparing(Job::id).reversed();
            Comparator<HistoryEvent> newestEvent = Comparator.comparing(HistoryEvent::occurredAt)
                    .thenComparingLong(HistoryEvent::id).reversed();
            HeapWatch watch = new HeapWatch();
            boolean ok = watch.measure("jobs", "list, pages of 1000", rows, newestJob,
                    check -> walkPages(page -> store.jobs().list(JobQuery.all(), page), check));
            ok &= watch.measure("jobs", "stream", rows, newestJob, check -> {
                try (Stream<Job> jobs = store.jobs().stream(JobQuery.all(), SortOrder.NEWEST_FIRST)) {
                    jobs.forEach(check);
                }
            });
            ok &= watch.measure("history", "list, pages of 1000", rows, newestEvent,
                    check -> walkPages(page -> store.history().list(HistoryQuery.all(), page), check));
            ok &= watch.measure("history", "stream", rows, newestEvent, check -> {
                try (Stream<HistoryEvent> events = store.history().stream(HistoryQuery.all(), SortOrder.NEWEST_FIRST)) {
                    events.forEach(check);
                }
            });
            return ok ? 0 : 1;
        }
    }

    /**
     * Reads the whole transcript twice, ascending: streamed ({@code transcripts().stream(session)})
     * and in chunks of 1,000 ({@code read(session, after, 1000)}), checking count and order.
     */
    private static int readTranscript(Datastore store, long rows) {
        System.out.printf(Locale.ROOT, "  child JVM: max heap %d MiB, GC %s; store open, %.1f MiB used after GC%n",
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                usedAfterGc() / MIB);
        String session = TranscriptFixture.SESSION;
        try (Stream<TranscriptEntry> warmUp = store.transcripts().stream(session)) {
            warmUp.limit(Math.min(WARM_UP_ROWS, rows)).count();
        }
        Comparator<TranscriptEntry> ascending = Comparator.comparingLong(TranscriptEntry::sequence);
        HeapWatch watch = new HeapWatch();
        boolean ok = watch.measure("transcript", "stream", rows, ascending, check -> {
            try (Stream<TranscriptEntry> entries = store.transcripts().stream(session)) {
                entries.forEach(check);
            }
        });
        ok &= watch.measure("transcript", "read, chunks of 1000", rows, ascending, check -> {
            long after = 0;
            List<TranscriptEntry> chunk;
            do {
                chunk = store.transcripts().read(session, after, PageRequest.MAX_LIMIT);
                chunk.forEach(check);
                after = chunk.isEmpty() ? after : chunk.get(chunk.size() - 1).sequence();
            } while (chunk.size() == PageRequest.MAX_LIMIT);
        });
        return ok ? 0 : 1;
    }

    private static int collect(Datastore store) {
        List<Job> all = new ArrayList<>();
        try {
            store.jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST).forEach(all::add);
            System.out.printf(Locale.ROOT, "  control: collected all %,d jobs without running out of memory%n", all.size());
            return 0;
        } catch (OutOfMemoryError e) {
            int collected = all.size();
            all = null;
            System.out.printf(Locale.ROOT, "  control: OutOfMemoryError after collecting %,d jobs%n", collected);
            return JVM_OUT_OF_MEMORY_EXIT;
        }
    }

    private static <T> void walkPages(Function<PageRequest, Page<T>> list, Consumer<T> each) {
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        Page<T> page;
        do {
            page = list.apply(request);
            page.items().forEach(each);
            request = request.after(page.nextCursor());
        } while (page.hasMore());
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Measures one read: resets the heap pools' peaks before it, and listens to every collection
     * to keep the most heap still in use after one (what the read kept alive, plus the store).
     */
    private static final class HeapWatch {
        private final List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        private final Set<String> heapPools = heap.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        HeapWatch() {
            NotificationListener listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                    long used = gc.getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum();
                    maxAfterGc.accumulateAndGet(used, Math::max);
                    collections.incrementAndGet();
                }
            };
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
            }
        }

        /** Reads every row through {@code read}, checking count and strict order; prints rows/s, heap and GCs. */
        <T> boolean measure(String table, String how, long rows, Comparator<T> order, Consumer<Consumer<T>> read) {
            OrderCheck<T> check = new OrderCheck<>(order);
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            maxAfterGc.set(0);
            collections.set(0);
            long started = System.nanoTime();
            read.accept(check);
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            boolean ok = check.count == rows && check.outOfOrder == 0;
            System.out.printf(Locale.ROOT, "  %-7s %-19s %,10d rows %5.1f s %,9.0f rows/s  peak heap %4.1f MiB,"
                            + " after GC at most %4.1f MiB (%d GCs)  %s%n",
                    table, how, check.count, seconds, check.count / seconds, peak / MIB, maxAfterGc.get() / MIB,
                    collections.get(), ok ? "ok" : "FAIL: expected " + rows + " rows in order, " + check.outOfOrder
                            + " out of order");
            return ok;
        }
    }

    /** Counts rows and those not strictly after the previous one in the expected order (a repeat or a step back). */
    private static final class OrderCheck<T> implements Consumer<T> {
        private final Comparator<T> order;
        private T previous;
        long count;
        long outOfOrder;

        OrderCheck(Comparator<T> order) {
            this.order = order;
        }

        @Override
        public void accept(T row) {
            if (previous != null && order.compare(previous, row) >= 0) {
                outOfOrder++;
            }
            previous = row;
            count++;
        }
    }
}
