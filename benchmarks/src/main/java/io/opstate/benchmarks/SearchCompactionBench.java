package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.constructs.NewConstruct;
import io.opstate.history.NewHistoryEvent;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What merging the SQLite search index away after a purge costs the store's writers. A store gets
 * {@code --entries} transcript entries (default 1,000,000; the search fixture's text), in chunks
 * of {@value #CHUNK}, half of them in sessions of a construct that is then deleted and purged.
 * Then {@value #WRITERS} threads append one entry each to sessions of their own, first while
 * {@code maintenance().optimize(NONE)} runs, whose search index merge runs in steps, then alone
 * for {@code --seconds} (default 10). Prints the index's bytes before and after, each step's time,
 * and both phases' latencies (median, p99, p99.9, worst). The measured window is the optimisation,
 * whose length is not known in advance, so this is a plain harness rather than a JMH benchmark.
 * With {@code --writers history} they append history events instead, which the search index does
 * not hold: what is left is the share of the writer the optimisation leaves them, without the
 * cost of their own merge slices meeting its merge. SQLite only: PostgreSQL's GIN index is
 * cleaned by the {@code VACUUM} its optimisation runs.
 *
 * <p>Arguments: {@code [--entries n] [--seconds s] [--writers transcript|history]}.
 */
public final class SearchCompactionBench {
    static final int WRITERS = 8;
    private static final int CHUNK = 100;
    private static final int SESSIONS_PER_CONSTRUCT = 5;
    /** How long the purge of half the entries may take: 3.3-3.6 s for 500,000 here. */
    private static final Duration PURGE_WAIT = Duration.ofMinutes(5);

    private SearchCompactionBench() {
    }

    public static void main(String[] args) throws Exception {
        long entries = 1_000_000;
        int seconds = 10;
        boolean history = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--entries" -> entries = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--writers" -> history = switch (args[++i]) {
                    case "transcript" -> false;
                    case "history" -> true;
                    default -> throw new IllegalArgumentException("--writers " + args[i]
                            + ": expected transcript or history");
                };
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected [--entries n] [--seconds s] [--writers transcript|history]");
            }
        }
        Path work = Files.createTempDirectory("opstate-search-compaction-bench-");
        try {
            run("jdbc:sqlite:" + work.resolve("store.db"), entries, seconds, history);
        } finally {
            ArtifactBench.deleteTree(work);
        }
    }

    private static void run(String url, long entries, int seconds, boolean history) throws Exception {
        try (Datastore store = Persistence.open(url)) {
            long start = System.nanoTime();
            fill(store, entries);
            System.out.printf("sqlite: appended %,d entries in chunks of %d in %.1f s; index %,d bytes%n", entries, CHUNK,
                    (System.nanoTime() - start) / 1e9, indexBytes(url));
            start = System.nanoTime();
            store.constructs().delete("gone");
            awaitPurged(url);
            long purged = indexBytes(url);
            System.out.printf("sqlite: purged half of them in %.1f s; index %,d bytes%n",
                    (System.nanoTime() - start) / 1e9, purged);

            for (int w = 0; w < WRITERS; w++) {
                store.sessions().create(NewSession.of("kept", "running").withId("writer-" + w));
            }
            SearchCorpus text = new SearchCorpus(SearchCorpus.MIN_ENTRIES);
            List<String> steps = new ArrayList<>();
            OptimizeReport[] report = new OptimizeReport[1];
            IntConsumer write = history ? w -> store.history().append(NewHistoryEvent.of("bench.write"))
                    : w -> append(store, text, w);
            WritersMeanwhile.Latencies during = WritersMeanwhile.run(WRITERS, write, () -> {
                long[] last = {System.nanoTime()};
                report[0] = store.maintenance().optimize(VacuumMode.NONE, progress -> {
                    long now = System.nanoTime();
                    // from the report before: the pause after the run before, then this run
                    steps.add(String.format("%.1f ms  %s", (now - last[0]) / 1e6, progress.step()));
                    last[0] = now;
                }, Cancellation.none());
            });
            System.out.printf("sqlite: optimize(NONE) ran %d steps in %.1f s; index %,d -> %,d bytes%n",
                    report[0].steps().size(), during.seconds(), purged, indexBytes(url));
            // After the optimisation: the writers' own merge slices would otherwise merge the purged
            // segments first, leaving it nothing to do.
            WritersMeanwhile.Latencies alone = WritersMeanwhile.run(WRITERS, write,
                    () -> WritersMeanwhile.sleep(Duration.ofSeconds(seconds)));
            steps.forEach(step -> System.out.println("  " + step));
            String writers = WRITERS + (history ? " history writers" : " transcript writers");
            System.out.printf("sqlite: %s alone:              %s%n", writers, alone);
            System.out.printf("sqlite: %s during the optimize: %s%n", writers, during);
        }
    }

    /** Half the entries into sessions of "kept", half into sessions of "gone", chunk by chunk in turn. */
    private static void fill(Datastore store, long entries) {
        List<String> sessions = new ArrayList<>();
        for (String construct : List.of("kept", "gone")) {
            store.constructs().create(NewConstruct.of("agent", "active").withId(construct));
            for (int s = 0; s < SESSIONS_PER_CONSTRUCT; s++) {
                String id = construct + "-" + s;
                store.sessions().create(NewSession.of(construct, "running").withId(id));
                sessions.add(id);
            }
        }
        SearchCorpus text = new SearchCorpus(Math.max(entries, SearchCorpus.MIN_ENTRIES));
        long written = 0;
        for (int chunk = 0; written < entries; chunk++) {
            List<NewTranscriptEntry> batch = new ArrayList<>(CHUNK);
            for (int e = 0; e < CHUNK && written < entries; e++, written++) {
                boolean user = written % 2 == 0;
                batch.add(NewTranscriptEntry.of(user ? "user" : "assistant", text.entry(written, user)));
            }
            store.transcripts().appendAll(sessions.get(chunk % sessions.size()), batch);
        }
    }

    private static void append(Datastore store, SearchCorpus text, int writer) {
        String content;
        synchronized (text) { // the corpus is not thread-safe
            content = text.word() + " " + text.word() + " " + text.word() + " " + text.word();
        }
        store.transcripts().append("writer-" + writer, NewTranscriptEntry.of("user", content));
    }

    /** Waits for the purge, at most {@link #PURGE_WAIT}: a purge that does not end fails the run. */
    private static void awaitPurged(String url) throws SQLException {
        long deadline = System.nanoTime() + PURGE_WAIT.toNanos();
        while (count(url, "SELECT count(*) FROM opstate_session_purges") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the purge did not end within " + PURGE_WAIT);
            }
            WritersMeanwhile.sleep(Duration.ofMillis(50));
        }
    }

    private static long indexBytes(String url) throws SQLException {
        return count(url, "SELECT sum(length(block)) FROM opstate_search_index_data");
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
