package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.search.SearchDocuments;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search benchmark's data, written with plain SQL (a million entries through the API would
 * take longer than the benchmarks): {@code entries} transcript entries of {@link SearchCorpus}'s
 * text, {@value #PER_SESSION} per session, one construct per session, and their search documents
 * as OpState indexes them ({@link SearchIndexSql}, words from {@link SearchDocuments}), also the
 * constructs' own documents (title and metadata). Multi-row inserts of {@value #ROWS} rows, one
 * transaction per {@value #TRANSACTION} entries. Then {@link #verify}: the library's search must
 * find every planted word in exactly the entries it was put in.
 *
 * <p>Kept between the forks of a run (each JMH trial is a fork): SQLite in
 * {@code <bench.search.dir>/<backend>-<entries>/opstate.db}, PostgreSQL in the schema
 * {@code bench_search_<entries>}, with a marker (a file; a schema comment) written only after a
 * fill passed its check. {@code java -cp benchmarks.jar io.opstate.benchmarks.SearchFixture
 * <backend> <entries>} fills afresh (search.sh does, timed); a trial finding no marker fills too.
 */
final class SearchFixture {
    static final int PER_SESSION = 1_000;
    private static final int ROWS = 200;
    private static final int TRANSACTION = 20_000;
    /** Changes whenever the fixture's text or layout does, so that an older fixture is filled again. */
    private static final String VERSION = "search-fixture-1";
    private static final String DIR = System.getProperty("bench.search.dir",
            Path.of(System.getProperty("java.io.tmpdir"), "opstate-search-fixtures").toString());
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SearchFixture() {
    }

    /** The kept environment of the fixture of {@code entries} on {@code backend}, filled when not yet (or stale). */
    static BenchEnv open(Backend backend, long entries) throws SQLException {
        BenchEnv env = env(backend, entries);
        if (!marker(env, entries).equals(readMarker(env))) {
            System.out.printf("# search-fixture: no %s fixture of %,d entries yet, filling%n", backend.label(), entries);
            fill(env, entries);
        }
        return env;
    }

    private static BenchEnv env(Backend backend, long entries) {
        if (!backend.sqlite() && !backend.postgres()) {
            throw new IllegalArgumentException("the search fixture is written with SQL: sqlite-* or postgres, not "
                    + backend.label());
        }
        return BenchEnv.kept(backend, Path.of(DIR, backend.label() + "-" + entries), "bench_search_" + entries);
    }

    /** Empties the environment, fills it, checks it and marks it ready. */
    static void fill(BenchEnv env, long entries) throws SQLException {
        env.wipe();
        env.open().close();
        long started = System.nanoTime();
        SearchCorpus corpus = new SearchCorpus(entries);
        Connection connection = env.admin();
        connection.setAutoCommit(false);
        Writer writer = new Writer(connection, env.backend().postgres());
        long sessions = (entries + PER_SESSION - 1) / PER_SESSION;
        for (long s = 0; s < sessions; s++) {
            writer.session(s, corpus, Math.min(PER_SESSION, entries - s * PER_SESSION));
        }
        long written = 0;
        for (long s = 0; s < sessions; s++) {
            long count = Math.min(PER_SESSION, entries - s * PER_SESSION);
            for (long sequence = 1; sequence <= count; sequence++) {
                boolean user = sequence % 2 == 1;
                writer.entry(s, sequence, user, corpus.entry(written, user));
                if (++written % TRANSACTION == 0) {
                    writer.flush();
                    connection.commit();
                }
            }
        }
        writer.flush();
        connection.commit();
        connection.setAutoCommit(true);
        double fillSeconds = (System.nanoTime() - started) / 1e9;
        long settle = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            if (env.backend().postgres()) {
                // what autovacuum does soon after on a host: statistics, and the GIN index's pending list merged
                statement.execute("VACUUM ANALYZE opstate_search_documents");
                statement.execute("ANALYZE opstate_transcript_entries");
                statement.execute("ANALYZE opstate_constructs");
                statement.execute("ANALYZE opstate_sessions");
            } else {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        System.out.printf(Locale.ROOT, "# search-fixture: %s, %,d entries in %,d sessions written in %.1f s"
                        + " (%,d characters of content, %,d words indexed), settled in %.1f s%n", env.backend().label(), entries,
                sessions, fillSeconds, writer.contentBytes, writer.indexedWords, (System.nanoTime() - settle) / 1e9);
        verify(env, entries);
        writeMarker(env, marker(env, entries));
    }

    /**
     * The check that the fixture is what the library would have written: the library's search
     * finds each planted word, the prefix and the phrase in exactly the entries they were put in
     * (all pages), and {@code LIKE} finds the same numbers in the stored content.
     *
     * @throws IllegalStateException naming the query whose count is wrong
     */
    static void verify(BenchEnv env, long entries) throws SQLException {
        long started = System.nanoTime();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(SearchCorpus.Planted.RARE.word, SearchCorpus.Planted.RARE.count(entries));
        expected.put(SearchCorpus.Planted.SOME.word, SearchCorpus.Planted.SOME.count(entries));
        expected.put(SearchCorpus.PREFIX + "*", SearchCorpus.Planted.SOME.count(entries)
                + SearchCorpus.Planted.PREFIX_MATE.count(entries));
        expected.put("\"" + SearchCorpus.PHRASE + "\"", (long) SearchCorpus.PHRASE_ADJACENT);
        expected.put(SearchCorpus.PHRASE, SearchCorpus.Planted.PHRASE_START.count(entries));
        try (Datastore store = env.open()) {
            for (Map.Entry<String, Long> query : expected.entrySet()) {
                long found = hits(store, query.getKey());
                if (found != query.getValue()) {
                    throw new IllegalStateException("search-fixture: search(" + query.getKey() + ") found " + found
                            + " entries, " + query.getValue() + " hold it: the fixture is not indexed as the library"
                            + " indexes (SearchIndexSql out of step?)");
                }
            }
        }
        Map<String, Long> like = new LinkedHashMap<>();
        for (SearchCorpus.Planted planted : SearchCorpus.Planted.values()) {
            like.put(planted.word, planted.count(entries));
        }
        like.put(SearchCorpus.PHRASE, (long) SearchCorpus.PHRASE_ADJACENT);
        like.put(SearchCorpus.PREFIX, expected.get(SearchCorpus.PREFIX + "*"));
        try (PreparedStatement count = env.admin().prepareStatement(
                "SELECT COUNT(*) FROM opstate_transcript_entries WHERE content LIKE ?")) {
            for (Map.Entry<String, Long> word : like.entrySet()) {
                count.setString(1, "%" + word.getKey() + "%");
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) != word.getValue()) {
                        throw new IllegalStateException("search-fixture: LIKE '%" + word.getKey() + "%' found "
                                + row.getLong(1) + " entries, " + word.getValue() + " planted");
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "# search-fixture: checked in %.1f s: search and LIKE find %s%n",
                (System.nanoTime() - started) / 1e9, expected);
    }

    /** How many entries {@code text} finds, paging through every hit; checks each hit is an entry. */
    private static long hits(Datastore store, String text) {
        long found = 0;
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<SearchHit> hits = store.search().search(SearchQuery.of(text), page);
            for (SearchHit hit : hits.items()) {
                if (hit.sessionId() == null || hit.sequence() == null || hit.snippet().matches().isEmpty()) {
                    throw new IllegalStateException("search-fixture: search(" + text + ") found " + hit
                            + ", expected only entries with a match in their snippet");
                }
            }
            found += hits.items().size();
            if (hits.nextCursor() == null) {
                return found;
            }
            page = page.after(hits.nextCursor());
        }
    }

    private static String marker(BenchEnv env, long entries) {
        return VERSION + " " + env.backend().label() + " " + entries;
    }

    private static String readMarker(BenchEnv env) throws SQLException {
        if (env.backend().postgres()) {
            try (PreparedStatement statement = env.admin().prepareStatement(
                    "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
                statement.setString(1, env.schema());
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() && row.getString(1) != null ? row.getString(1) : "";
                }
            }
        }
        try {
            Path marker = env.file("ready");
            return Files.isRegularFile(marker) ? Files.readString(marker) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMarker(BenchEnv env, String marker) throws SQLException {
        if (env.backend().postgres()) {
            try (Statement statement = env.admin().createStatement()) {
                statement.execute("COMMENT ON SCHEMA " + env.schema() + " IS '" + marker + "'");
            }
            return;
        }
        try {
            Files.writeString(env.file("ready"), marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sessionId(long index) {
        return String.format(Locale.ROOT, "search-session-%07d", index);
    }

    static String constructId(long index) {
        return String.format(Locale.ROOT, "search-construct-%07d", index);
    }

    /** Gathers rows and writes them {@value #ROWS} at a time. Not thread-safe. */
    private static final class Writer {
        private static final String[] TYPES = {"agent-task", "code-review", "deploy"};
        private final Connection connection;
        private final boolean postgres;
        private final RawDialect dialect;
        private final SearchIndexSql index;
        private final NamedSql entryRows;
        private final NamedSql documentRows;
        private final NamedSql indexRows;
        private final List<Object[]> pending = new ArrayList<>(ROWS);
        long contentBytes;
        long indexedWords;

        Writer(Connection connection, boolean postgres) {
            this.connection = connection;
            this.postgres = postgres;
            this.dialect = postgres ? RawDialect.POSTGRES : RawDialect.SQLITE;
            this.index = new SearchIndexSql(postgres);
            this.entryRows = entryInsert(ROWS);
            this.documentRows = index.insertDocuments(ROWS);
            this.indexRows = index.insertIndexRows(ROWS);
        }

        /** The construct and session of session {@code s}, with the construct's own document; in the open transaction. */
        void session(long s, SearchCorpus corpus, long count) throws SQLException {
            Instant at = T0.plusSeconds(s * PER_SESSION);
            String title = corpus.title();
            String metadata = "{\"repo\":\"" + corpus.word() + "\",\"owner\":\"user-" + (s % 97) + "\"}";
            NamedSql construct = NamedSql.of("INSERT INTO opstate_constructs (id, type, status, title, metadata,"
                    + " created_at, updated_at) VALUES (:id, :type, :status, :title, " + dialect.json("metadata")
                    + ", :at, :at)");
            NamedSql session = NamedSql.of("INSERT INTO opstate_sessions (id, construct_id, status, started_at,"
                    + " last_sequence, created_at, updated_at) VALUES (:id, :constructId, 'running', :at, :last, :at, :at)");
            try (PreparedStatement c = connection.prepareStatement(construct.jdbc());
                 PreparedStatement ss = connection.prepareStatement(session.jdbc())) {
                construct.setString(c, "id", constructId(s));
                construct.setString(c, "type", TYPES[(int) (s % TYPES.length)]);
                construct.setString(c, "status", s % 3 == 0 ? "done" : "running");
                construct.setString(c, "title", title);
                construct.setString(c, "metadata", metadata);
                dialect.setTime(c, construct, "at", at);
                c.executeUpdate();
                session.setString(ss, "id", sessionId(s));
                session.setString(ss, "constructId", constructId(s));
                session.setLong(ss, "last", count);
                dialect.setTime(ss, session, "at", at);
                ss.executeUpdate();
            }
            NamedSql document = index.insertDocuments(1);
            try (PreparedStatement d = connection.prepareStatement(document.jdbc())) {
                String words = SearchDocuments.construct(title, metadata);
                document.setString(d, "constructId0", constructId(s));
                document.setString(d, "sessionId0", null);
                d.setNull(document.at("sequence0")[0], java.sql.Types.BIGINT);
                dialect.setTime(d, document, "createdAt0", at);
                if (postgres) {
                    document.setString(d, "words0", index.storedWords(words));
                }
                long id = ids(d).get(0);
                if (!postgres) {
                    NamedSql row = index.insertIndexRows(1);
                    try (PreparedStatement i = connection.prepareStatement(row.jdbc())) {
                        row.setLong(i, "id0", id);
                        row.setString(i, "words0", words);
                        i.executeUpdate();
                    }
                }
            }
        }

        void entry(long s, long sequence, boolean user, String content) throws SQLException {
            pending.add(new Object[] {s, sequence, user, content});
            if (pending.size() == ROWS) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            int n = pending.size();
            NamedSql entrySql = n == ROWS ? entryRows : entryInsert(n);
            NamedSql documentSql = n == ROWS ? documentRows : index.insertDocuments(n);
            NamedSql indexSql = postgres ? null : n == ROWS ? indexRows : index.insertIndexRows(n);
            String[] words = new String[n];
            try (PreparedStatement e = connection.prepareStatement(entrySql.jdbc());
                 PreparedStatement d = connection.prepareStatement(documentSql.jdbc())) {
                for (int i = 0; i < n; i++) {
                    Object[] row = pending.get(i);
                    long s = (Long) row[0];
                    long sequence = (Long) row[1];
                    boolean user = (Boolean) row[2];
                    String content = (String) row[3];
                    Instant at = T0.plusSeconds(s * PER_SESSION + sequence);
                    entrySql.setString(e, "sessionId" + i, sessionId(s));
                    entrySql.setString(e, "constructId" + i, constructId(s));
                    entrySql.setLong(e, "sequence" + i, sequence);
                    entrySql.setString(e, "role" + i, user ? "user" : "assistant");
                    entrySql.setString(e, "content" + i, content);
                    entrySql.setString(e, "data" + i, user ? null : Payloads.ENTRY_DATA);
                    dialect.setTime(e, entrySql, "createdAt" + i, at);
                    words[i] = SearchDocuments.entry(content);
                    documentSql.setString(d, "constructId" + i, constructId(s));
                    documentSql.setString(d, "sessionId" + i, sessionId(s));
                    documentSql.setLong(d, "sequence" + i, sequence);
                    dialect.setTime(d, documentSql, "createdAt" + i, at);
                    if (postgres) {
                        documentSql.setString(d, "words" + i, index.storedWords(words[i]));
                    }
                    contentBytes += content.length();
                    indexedWords += words[i].isEmpty() ? 0 : words[i].chars().filter(c -> c == ' ').count() + 1;
                }
                e.executeUpdate();
                List<Long> ids = ids(d);
                if (indexSql != null) {
                    try (PreparedStatement x = connection.prepareStatement(indexSql.jdbc())) {
                        for (int i = 0; i < n; i++) {
                            indexSql.setLong(x, "id" + i, ids.get(i));
                            indexSql.setString(x, "words" + i, words[i]);
                        }
                        x.executeUpdate();
                    }
                }
            }
            pending.clear();
        }

        /** The insert of {@code n} entries, in the columns and JSON form the library writes. */
        private NamedSql entryInsert(int n) {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < n; i++) {
                values.append(i == 0 ? "" : ", ").append("(:sessionId").append(i).append(", :constructId").append(i)
                        .append(", :sequence").append(i).append(", :role").append(i).append(", :content").append(i)
                        .append(", ").append(dialect.json("data" + i)).append(", :createdAt").append(i).append(')');
            }
            return NamedSql.of("INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role,"
                    + " content, data, created_at) VALUES " + values);
        }

        private static List<Long> ids(PreparedStatement returning) throws SQLException {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = returning.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    /**
     * {@code SearchFixture <backend> <entries>}: fills the fixture afresh (search.sh's first step),
     * printing the time taken and the check. {@code SearchFixture --remove <backend>... <entries>}:
     * removes those fixtures (their directory; their schema).
     */
    public static void main(String[] args) throws SQLException {
        long entries = Long.parseLong(args[args.length - 1].replace("_", ""));
        if ("--remove".equals(args[0])) {
            for (int i = 1; i < args.length - 1; i++) {
                env(Backend.of(args[i]), entries).discard();
            }
            return;
        }
        BenchEnv env = env(Backend.of(args[0]), entries);
        try {
            fill(env, entries);
        } finally {
            env.close();
        }
    }
}
