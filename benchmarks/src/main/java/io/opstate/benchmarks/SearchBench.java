package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first page of {@value #PAGE} hits of a search over {@code entries} transcript entries
 * ({@link SearchFixture}: 1,000,000 in {@code benchmarks/search.sh}, 10,000 in the smoke pass):
 * OpState's {@code search().search(query, PageRequest.first(20))} ({@code search*}) against the
 * scan a host without an index would run, raw JDBC
 * {@code SELECT session_id, sequence, content FROM opstate_transcript_entries WHERE content LIKE '%word%' LIMIT 20}
 * ({@code like*}), for the same planted words ({@link SearchCorpus.Planted}):
 * <ul>
 *   <li>{@code Rare}: 10 entries hold the word, fewer than a page,
 *       so the LIKE scan reads every entry: the comparison of the target;</li>
 *   <li>{@code Some}: 100 entries; LIMIT stops the scan after about a fifth of the table;</li>
 *   <li>{@code Phrase}: {@code "cobaltine meridix"}, 50 entries (the two words are in 500);</li>
 *   <li>{@code Prefix}: {@code zentra*}, 120 entries (LIKE {@code '%zentra%'});</li>
 *   <li>{@code Common}: 1 % of the entries: the search ranks all of them, LIKE stops after about
 *       2,000 rows.</li>
 * </ul>
 * Time per call, sampled (p50, p99: {@code SearchReport}); 1 thread; each call checks its hit
 * count. SQL backends only.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class SearchBench {
    static final int PAGE = 20;
    private static final String LIKE = "SELECT session_id, sequence, content FROM opstate_transcript_entries"
            + " WHERE content LIKE ? LIMIT " + PAGE;

    /** The fixture, OpState opened on it, and a raw read-only connection for the scans. */
    @State(Scope.Benchmark)
    public static class Corpus {
        @Param({"sqlite-normal", "postgres"})
        public String backend;
        @Param({"10000"})
        public long entries;

        BenchEnv env;
        Datastore store;
        Connection reader;
        PreparedStatement like;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            env = SearchFixture.open(Backend.of(backend), entries);
            store = env.open();
            reader = env.connect(true);
            like = reader.prepareStatement(LIKE);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            like.close();
            reader.close();
            store.close();
            env.close();
        }

        Page<SearchHit> search(String text, long hits) {
            Page<SearchHit> page = store.search().search(SearchQuery.of(text), PageRequest.first(PAGE));
            if (page.items().size() != Math.min(PAGE, hits)) {
                throw new IllegalStateException("search(" + text + ") returned " + page.items().size() + " hits, expected "
                        + Math.min(PAGE, hits));
            }
            return page;
        }

        List<String> scan(String fragment, long hits) throws SQLException {
            like.setString(1, "%" + fragment + "%");
            List<String> found = new ArrayList<>(PAGE);
            try (ResultSet rows = like.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1) + "#" + rows.getLong(2) + ":" + rows.getString(3));
                }
            }
            if (found.size() != Math.min(PAGE, hits)) {
                throw new IllegalStateException("LIKE '%" + fragment + "%' returned " + found.size() + " rows, expected "
                        + Math.min(PAGE, hits));
            }
            return found;
        }

        long count(SearchCorpus.Planted planted) {
            return planted.count(entries);
        }
    }

    @Benchmark
    public Page<SearchHit> searchRare(Corpus corpus) {
        return corpus.search(SearchCorpus.Planted.RARE.word, corpus.count(SearchCorpus.Planted.RARE));
    }

    @Benchmark
    public List<String> likeRare(Corpus corpus) throws SQLException {
        return corpus.scan(SearchCorpus.Planted.RARE.word, corpus.count(SearchCorpus.Planted.RARE));
    }

    @Benchmark
    public Page<SearchHit> searchSome(Corpus corpus) {
        return corpus.search(SearchCorpus.Planted.SOME.word, corpus.count(SearchCorpus.Planted.SOME));
    }

    @Benchmark
    public List<String> likeSome(Corpus corpus) throws SQLException {
        return corpus.scan(SearchCorpus.Planted.SOME.word, corpus.count(SearchCorpus.Planted.SOME));
    }

    @Benchmark
    public Page<SearchHit> searchPhrase(Corpus corpus) {
        return corpus.search("\"" + SearchCorpus.PHRASE + "\"", SearchCorpus.PHRASE_ADJACENT);
    }

    @Benchmark
    public List<String> likePhrase(Corpus corpus) throws SQLException {
        return corpus.scan(SearchCorpus.PHRASE, SearchCorpus.PHRASE_ADJACENT);
    }

    @Benchmark
    public Page<SearchHit> searchPrefix(Corpus corpus) {
        return corpus.search(SearchCorpus.PREFIX + "*",
                corpus.count(SearchCorpus.Planted.SOME) + corpus.count(SearchCorpus.Planted.PREFIX_MATE));
    }

    @Benchmark
    public List<String> likePrefix(Corpus corpus) throws SQLException {
        return corpus.scan(SearchCorpus.PREFIX,
                corpus.count(SearchCorpus.Planted.SOME) + corpus.count(SearchCorpus.Planted.PREFIX_MATE));
    }

    @Benchmark
    public Page<SearchHit> searchCommon(Corpus corpus) {
        return corpus.search(SearchCorpus.Planted.COMMON.word, corpus.count(SearchCorpus.Planted.COMMON));
    }

    @Benchmark
    public List<String> likeCommon(Corpus corpus) throws SQLException {
        return corpus.scan(SearchCorpus.Planted.COMMON.word, corpus.count(SearchCorpus.Planted.COMMON));
    }
}
