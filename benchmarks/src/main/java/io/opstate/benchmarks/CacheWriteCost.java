package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the SQLite read cache costs each write: two stores on two files in one JVM, one with the
 * cache (default settings) and one without ({@code opstate.cache.max-mb=0}), append
 * {@value #PER_ROUND} transcript entries (the benchmark's 323 + 53 bytes) one by one in turns,
 * alternating which goes first, so that both see the same drift of a shared machine. The first
 * {@value #WARM_ROUNDS} rounds warm up; the others are timed. 1 thread, synchronous NORMAL.
 * Usage: {@code java -cp benchmarks.jar io.opstate.benchmarks.CacheWriteCost [rounds]} (default 12);
 * prints microseconds per append of each store.
 */
public final class CacheWriteCost {
    private static final int PER_ROUND = 2000;
    private static final int WARM_ROUNDS = 2;

    private CacheWriteCost() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Path dir = Files.createTempDirectory("opstate-cache-write-");
        NewTranscriptEntry entry = NewTranscriptEntry.of("assistant", Payloads.ENTRY_TEXT).withData(Payloads.ENTRY_DATA);
        try (Datastore cached = open(dir.resolve("cached.db"), 32); Datastore uncached = open(dir.resolve("uncached.db"), 0)) {
            long[] nanos = new long[2];
            for (int round = 0; round < rounds; round++) {
                Datastore[] order = round % 2 == 0 ? new Datastore[] {cached, uncached} : new Datastore[] {uncached, cached};
                for (Datastore store : order) {
                    long start = System.nanoTime();
                    for (int i = 0; i < PER_ROUND; i++) {
                        store.transcripts().append("s1", entry);
                    }
                    if (round >= WARM_ROUNDS) {
                        nanos[store == cached ? 0 : 1] += System.nanoTime() - start;
                    }
                }
            }
            double timed = (double) (rounds - WARM_ROUNDS) * PER_ROUND * 1000;
            System.out.printf(Locale.ROOT, "cache on: %.1f us/append, cache off: %.1f us/append, on - off: %.1f us%n",
                    nanos[0] / timed, nanos[1] / timed, (nanos[0] - nanos[1]) / timed);
        }
    }

    private static Datastore open(Path file, int cacheMegabytes) {
        Datastore store = Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + file)
                .set(Settings.CACHE_MAX_MB, cacheMegabytes).build());
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1"));
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        return store;
    }
}
