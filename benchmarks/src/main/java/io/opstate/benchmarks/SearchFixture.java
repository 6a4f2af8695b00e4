package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The search benchmark's data, written with plain SQL (a million entries through the API would
 * take longer than the benchmarks): {@code entries} transcript entries of {@link SearchCorpus}'s
 * text, {@value #PER_SESSION} per session, one construct per session, and their search documents
 * as OpState indexes them, also the constructs' own documents (title and metadata), written by
 * {@link SearchFixtureWriter}, one transaction per {@value #TRANSACTION} entries. Then
 * {@link #verify}: the library's search must find every planted word in exactly the entries it was
 * put in.
 *
 * <p>Kept between the forks of a run (each JMH trial is a fork): SQLite in
 * {@code <bench.search.dir>/<backend>-<entries>/opstate.db}, PostgreSQL in the schema
 * {@code bench_search_<entries>}, with a marker (a file; a schema comment) written only after a
 * fill passed its check. {@code java -cp benchmarks.jar io.opstate.benchmarks.SearchFixture
 * <backend> <entries>} fills afresh (search.sh does, timed); a trial finding no marker fills too.
 */
final class SearchFixture {
    static final int PER_SESSION = 1_000;
    private static final int TRANSACTION = 20_000;
    /** Changes whenever the fixture's text or layout does, so that an older fixture is filled again. */
    private static final String VERSION = "search-fixture-1";
    private static final String DIR = System.getProperty("bench.search.dir",
            Path.of(System.getProperty("java.io.tmpdir"), "opstate-search-fixtures").toString());

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
        SearchFixtureWriter writer = new SearchFixtureWriter(connection, env.backend().postgres());
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
                sessions, fillSeconds, writer.contentChars, writer.indexedWords, (System.nanoTime() - settle) / 1e9);
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
