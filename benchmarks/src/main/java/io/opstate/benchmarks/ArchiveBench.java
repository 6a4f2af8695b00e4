package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.NewArtifact;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Export and import of a whole store through {@code Datastore.archives()}, against a raw-JDBC
 * copy of the same rows, in the same run: run it with {@code -Xmx64m} to show both stream.
 *
 * <p>The source store is filled with plain SQL (a million rows through the API would take longer
 * than what is measured): {@code --rows} rows (default 1,000,000) in a mix of 30 % jobs
 * (finished, each with its claim token), 30 % history events, 1 % constructs with 4 sessions each
 * and 9 transcript entries per session (about 36 % of the rows). Then {@value #ARTIFACTS} artifacts
 * summing to {@code --mb} MB (default 1,024; half incompressible, half log text) are put through
 * the API, as only the library writes blobs. Then, timed:
 * <ol>
 *   <li>export of the whole store into an archive file;</li>
 *   <li>import of that archive into a fresh store (one transaction, conflict policy {@code fail});</li>
 *   <li>the raw copy: each of the five tables read with a plain {@code SELECT} and written with
 *       batched {@code INSERT}s of {@value #RAW_BATCH} rows into a fresh store's empty tables, in one
 *       transaction (what a hand-written copy at least does; it indexes nothing for search and
 *       checks nothing the import checks).</li>
 * </ol>
 * Prints rows/s and MB/s (of the archive's content, before the zip's compression) of each, the
 * heap's peak and the calling thread's CPU time in each phase, and what the export reported,
 * artifacts included (0 blobs while archives do not carry artifacts).
 *
 * <p>Arguments: {@code [--rows n] [--mb m] sqlite|postgres...} (PostgreSQL: the local test
 * server, schemas {@code archivebench_*}, dropped first and after).
 */
public final class ArchiveBench {
    static final int ARTIFACTS = 4;
    static final int RAW_BATCH = 1_000;
    private static final int SESSIONS_PER_CONSTRUCT = 4;
    private static final int ENTRIES_PER_SESSION = 9;
    private static final String[] TABLES = {"opstate_jobs", "opstate_history", "opstate_constructs",
        "opstate_sessions", "opstate_transcript_entries"};

    private ArchiveBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        long mb = 1024;
        List<String> backends = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--mb" -> mb = Long.parseLong(args[++i]);
                default -> backends.add(args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "# heap max %d MB; %,d rows, %,d MB of artifacts%n",
                Runtime.getRuntime().maxMemory() >> 20, rows, mb);
        for (String backend : backends.isEmpty() ? List.of("sqlite") : backends) {
            run(backend, Mix.of(rows), mb);
        }
    }

    /** How many rows of each table a fill of about {@code rows} rows writes. */
    record Mix(long constructs, long sessions, long entries, long jobs, long history) {
        static Mix of(long rows) {
            long constructs = Math.max(1, rows / 100);
            long sessions = constructs * SESSIONS_PER_CONSTRUCT;
            long entries = sessions * ENTRIES_PER_SESSION;
            long rest = Math.max(2, rows - constructs - sessions - entries);
            return new Mix(constructs, sessions, entries, rest / 2, rest - rest / 2);
        }

        long total() {
            return constructs + sessions + entries + jobs + history;
        }
    }

    private static void run(String backend, Mix mix, long mb) throws Exception {
        boolean postgres = backend.equals("postgres");
        Path work = Files.createTempDirectory("opstate-archive-bench-");
        try {
            Place source = Place.of(postgres, work, "source");
            Place target = Place.of(postgres, work, "target");
            Place raw = Place.of(postgres, work, "raw");
            for (Place place : List.of(source, target, raw)) {
                place.open().close(); // creates the schema
            }
            long start = System.nanoTime();
            fill(source, mix);
            System.out.printf(Locale.ROOT, "%s: filled %,d rows with SQL in %.1f s (jobs %,d, history %,d,"
                            + " constructs %,d, sessions %,d, transcript entries %,d)%n", backend, mix.total(),
                    seconds(start), mix.jobs(), mix.history(), mix.constructs(), mix.sessions(), mix.entries());
            start = System.nanoTime();
            try (Datastore store = source.open()) {
                putArtifacts(store, mb);
            }
            System.out.printf(Locale.ROOT, "%s: put %d artifacts, %,d MB, through the API in %.1f s%n", backend,
                    ARTIFACTS, mb, seconds(start));

            Path archive = work.resolve("store.zip");
            resetPeak();
            start = System.nanoTime();
            ExportReport exported;
            try (Datastore store = source.open()) {
                exported = store.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE,
                        Cancellation.none());
            }
            double exportSeconds = seconds(start);
            double archiveMb = contentBytes(archive) / 1e6;
            print(backend, "export", exported.totalRows(), exportSeconds, archiveMb);
            System.out.printf(Locale.ROOT, "%s: export reported %,d rows %s, %,d artifact blobs of %,d bytes;"
                    + " archive %.1f MB (%.1f MB in the file)%n", backend, exported.totalRows(), exported.rows(),
                    exported.blobs(), exported.blobBytes(), archiveMb, Files.size(archive) / 1e6);
            if (exported.totalRows() < mix.total()) {
                throw new IllegalStateException("the export wrote " + exported.totalRows() + " rows of " + mix.total());
            }

            resetPeak();
            start = System.nanoTime();
            ImportReport imported;
            try (Datastore store = target.open()) {
                imported = store.archives().importArchive(archive, ImportOptions.of(ConflictPolicy.FAIL),
                        ProgressListener.NONE, Cancellation.none());
            }
            double importSeconds = seconds(start);
            long inserted = imported.total(ImportAction.INSERT);
            print(backend, "import", inserted, importSeconds, archiveMb);
            if (inserted != exported.totalRows()) {
                throw new IllegalStateException("the import inserted " + inserted + " rows of " + exported.totalRows());
            }

            resetPeak();
            start = System.nanoTime();
            long copied = rawCopy(source, raw);
            double rawSeconds = seconds(start);
            print(backend, "raw JDBC copy", copied, rawSeconds, archiveMb);
            if (copied != mix.total()) {
                throw new IllegalStateException("the raw copy wrote " + copied + " rows of " + mix.total());
            }
            System.out.printf(Locale.ROOT, "%s: import / raw copy time: %.1fx; export + import / raw copy: %.1fx%n",
                    backend, importSeconds / rawSeconds, (exportSeconds + importSeconds) / rawSeconds);
            for (Place place : List.of(source, target, raw)) {
                place.drop();
            }
        } finally {
            ArtifactBench.deleteTree(work);
        }
    }

    private static void print(String backend, String what, long rows, double seconds, double archiveMb) {
        System.out.printf(Locale.ROOT, "%s: %-14s %,10d rows in %7.1f s: %,9.0f rows/s, %7.1f MB/s of the archive;"
                        + " heap peak %d MB; this thread's CPU %.1f s%n", backend, what, rows, seconds, rows / seconds,
                archiveMb / seconds, peakHeapMb(), (threadCpuNanos() - phaseCpuStart) / 1e9);
    }

    /** CPU time of this thread when the phase began: on a loaded machine it varies less than the elapsed time. */
    private static long phaseCpuStart;

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** A store's location: a SQLite file beside its artifact root, or a PostgreSQL schema. */
    record Place(boolean postgres, String url, String schema, Path artifactRoot) {
        static Place of(boolean postgres, Path work, String name) throws SQLException {
            Path root = work.resolve(name + "-artifacts");
            if (!postgres) {
                return new Place(false, "jdbc:sqlite:" + work.resolve(name + ".db"), null, root);
            }
            String schema = "archivebench_" + name;
            Place place = new Place(true, BenchEnv.PG_URL + (BenchEnv.PG_URL.contains("?") ? "&" : "?") + "user="
                    + BenchEnv.PG_USER, schema, root);
            place.drop();
            return place;
        }

        Datastore open() {
            PersistenceConfig.Builder config = PersistenceConfig.builder(url).artifactRoot(artifactRoot.toString());
            return Persistence.open(postgres ? config.schema(schema).build() : config.build());
        }

        /** A plain connection to the store's tables. */
        Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection(url);
            if (postgres) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET search_path = " + schema);
                }
            }
            return connection;
        }

        void drop() throws SQLException {
            if (postgres) {
                try (Connection connection = DriverManager.getConnection(url);
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /**
     * Writes {@code mix} into the empty tables of {@code place} with one {@code INSERT ... SELECT}
     * per table, rows as the library writes them (time text on SQLite).
     */
    static void fill(Place place, Mix mix) throws SQLException {
        Sql sql = new Sql(place.postgres());
        try (Connection connection = place.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(sql.series(mix.constructs()) + "INSERT INTO opstate_constructs (id, type, status, title,"
                    + " metadata, created_at, updated_at, version) SELECT " + sql.id("construct-", "i") + ", 'agent-task',"
                    + " 'done', 'construct ' || i, " + sql.json("{\"repo\":\"example/app\",\"branch\":\"main\"}") + ", "
                    + sql.time("i * 60") + ", " + sql.time("i * 60 + 3600") + ", 2" + sql.from(mix.constructs()));
            statement.execute(sql.series(mix.sessions()) + "INSERT INTO opstate_sessions (id, construct_id, status,"
                    + " started_at, ended_at, metrics, state_version, last_sequence, created_at, updated_at, version)"
                    + " SELECT " + sql.id("session-", "i") + ", " + sql.id("construct-", "i / " + SESSIONS_PER_CONSTRUCT)
                    + ", 'ended', " + sql.time("i * 15") + ", " + sql.time("i * 15 + 600") + ", "
                    + sql.json("{\"tokens\":1926,\"tools\":4}") + ", 0, " + ENTRIES_PER_SESSION + ", " + sql.time("i * 15")
                    + ", " + sql.time("i * 15 + 600") + ", 3" + sql.from(mix.sessions()));
            try (PreparedStatement entries = connection.prepareStatement(sql.series(mix.entries())
                    + "INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role, content, data,"
                    + " created_at) SELECT " + sql.id("session-", "i / " + ENTRIES_PER_SESSION) + ", "
                    + sql.id("construct-", "i / " + (ENTRIES_PER_SESSION * SESSIONS_PER_CONSTRUCT)) + ", i % "
                    + ENTRIES_PER_SESSION + " + 1, CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END, ?,"
                    + " CASE WHEN i % 2 = 0 THEN NULL ELSE " + sql.json(Payloads.ENTRY_DATA) + " END, "
                    + sql.time("(i / " + ENTRIES_PER_SESSION + ") * 15 + i % " + ENTRIES_PER_SESSION) + sql.from(mix.entries()))) {
                entries.setString(1, Payloads.ENTRY_TEXT);
                entries.executeUpdate();
            }
            // finished jobs, each claimed once (a claim token of its own), 9 in 10 succeeded
            statement.execute(sql.series(mix.jobs()) + "INSERT INTO opstate_jobs (id, type, status, payload, result,"
                    + " error, attempts, max_attempts, priority, created_at, updated_at, started_at, finished_at,"
                    + " not_before, worker_id, claim_token, version) SELECT " + sql.id("job-", "i") + ", CASE i % 4 WHEN 0"
                    + " THEN 'report' ELSE 'thumbnail' END, CASE WHEN i % 10 = 9 THEN 'failed' ELSE 'succeeded' END, "
                    + sql.json(Payloads.JOB) + ", CASE WHEN i % 10 = 9 THEN NULL ELSE " + sql.json(Payloads.RESULT)
                    + " END, CASE WHEN i % 10 = 9 THEN 'upstream returned 503' END, 1, 1, 0, " + sql.time("i") + ", "
                    + sql.time("i + 2") + ", " + sql.time("i + 1") + ", " + sql.time("i + 2") + ", " + sql.time("i")
                    + ", 'worker-' || (i % 8), i + 1, 3" + sql.from(mix.jobs()));
            // the claim-token generator past every token, as the library keeps it
            statement.execute(place.postgres() ? "SELECT setval('opstate_claim_tokens', " + mix.jobs() + ")"
                    : "UPDATE opstate_claim_tokens SET last_token = " + mix.jobs());
            statement.execute(sql.series(mix.history()) + "INSERT INTO opstate_history (event, subject_id, metadata,"
                    + " occurred_at) SELECT CASE i % 3 WHEN 0 THEN 'job.created' WHEN 1 THEN 'job.started' ELSE"
                    + " 'job.finished' END, " + sql.id("job-", "i / 3") + ", " + sql.json(Payloads.METADATA) + ", "
                    + sql.time("i") + sql.from(mix.history()));
            connection.commit();
            if (place.postgres()) {
                connection.setAutoCommit(true);
                statement.execute("ANALYZE");
            }
        }
    }

    /** The few SQL differences of the fill. */
    private record Sql(boolean postgres) {
        /** Before the statement: rows {@code i} = 0..n-1 on SQLite, whose {@link #from} reads them. */
        String series(long n) {
            return postgres ? "" : "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + (n - 1)
                    + ") ";
        }

        /** The rows {@code i} = 0..n-1 as the statement's FROM clause. */
        String from(long n) {
            return postgres ? " FROM generate_series(0, " + (n - 1) + ") AS i" : " FROM n";
        }

        String id(String prefix, String number) {
            return postgres ? "'" + prefix + "' || lpad((" + number + ")::text, 9, '0')"
                    : "printf('" + prefix + "%09d', " + number + ")";
        }

        String json(String document) {
            String literal = "'" + document.replace("'", "''") + "'";
            return postgres ? literal + "::jsonb" : literal;
        }

        /** 2026-01-01 plus {@code seconds}, with microseconds, as the library stores it. */
        String time(String seconds) {
            return postgres ? "(TIMESTAMPTZ '2026-01-01 00:00:00+00' + (" + seconds + ") * INTERVAL '1 second')"
                    : "strftime('%Y-%m-%dT%H:%M:%f000Z', '2026-01-01', '+' || (" + seconds + ") || ' seconds')";
        }
    }

    /** {@value #ARTIFACTS} artifacts summing to {@code mb} MB on the first construct, streamed. */
    private static void putArtifacts(Datastore store, long mb) {
        long each = mb * 1_000_000L / ARTIFACTS;
        if (each == 0) {
            return;
        }
        for (int i = 0; i < ARTIFACTS; i++) {
            boolean text = i % 2 == 1;
            store.artifacts().put(NewArtifact.of("construct-000000000", text ? "command-log" : "diff-bundle",
                    "artifact-" + i, text ? "text/plain" : "application/octet-stream"), GeneratedContent.of(each, text, i));
        }
    }

    /**
     * Copies the five tables from {@code source} into the empty tables of {@code target}: a plain
     * {@code SELECT} of every column, batched {@code INSERT}s of {@value #RAW_BATCH} rows, one
     * transaction. Returns the rows copied.
     */
    static long rawCopy(Place source, Place target) throws SQLException {
        long copied = 0;
        try (Connection from = source.connect(); Connection to = target.connect()) {
            from.setAutoCommit(false); // PostgreSQL streams a result set with a fetch size only in a transaction
            to.setAutoCommit(false);
            for (String table : TABLES) {
                List<String> names = columns(from, table);
                try (Statement select = from.createStatement()) {
                    select.setFetchSize(RAW_BATCH);
                    try (ResultSet rows = select.executeQuery("SELECT " + String.join(", ", names) + " FROM " + table)) {
                        ResultSetMetaData columns = rows.getMetaData();
                        StringJoiner marks = new StringJoiner(", ");
                        names.forEach(name -> marks.add("?"));
                        // the history's id is an identity column on PostgreSQL: kept, as the import keeps it
                        String override = source.postgres() && table.equals("opstate_history") ? " OVERRIDING SYSTEM VALUE" : "";
                        try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " ("
                                + String.join(", ", names) + ")" + override + " VALUES (" + marks + ")")) {
                            int batched = 0;
                            while (rows.next()) {
                                for (int c = 1; c <= columns.getColumnCount(); c++) {
                                    insert.setObject(c, rows.getObject(c));
                                }
                                insert.addBatch();
                                if (++batched == RAW_BATCH) {
                                    insert.executeBatch();
                                    batched = 0;
                                }
                                copied++;
                            }
                            if (batched > 0) {
                                insert.executeBatch();
                            }
                        }
                    }
                }
            }
            to.commit();
            from.commit();
        }
        return copied;
    }

    /**
     * The columns of {@code table} that hold the record: all but PostgreSQL's {@code xact_id} of the
     * history, which each database fills with its own transaction's id.
     */
    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet none = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData columns = none.getMetaData();
            for (int c = 1; c <= columns.getColumnCount(); c++) {
                if (!columns.getColumnName(c).equalsIgnoreCase("xact_id")) {
                    names.add(columns.getColumnName(c));
                }
            }
        }
        return names;
    }

    /** The archive's entries' bytes before the zip's compression: what an export writes and an import reads. */
    private static long contentBytes(Path archive) throws java.io.IOException {
        long bytes = 0;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                bytes += entries.nextElement().getSize();
            }
        }
        return bytes;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void resetPeak() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        phaseCpuStart = threadCpuNanos();
    }

    /** The heap's peak since {@link #resetPeak}, summed over its pools (an upper bound). */
    private static long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }
}
