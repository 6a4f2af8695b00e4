package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.PersistenceConfig;
import io.opstate.Persistence;
import io.opstate.Settings;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store of the read cache benchmarks ({@link ConstructReadBench}, {@link TranscriptRecentBench}):
 * {@value #CONSTRUCTS} constructs with a metadata document of about 200 bytes, and
 * {@value #SESSIONS} sessions of {@value #ENTRIES} entries each, filled once per trial through the
 * public API. {@code cache} {@code on}: default settings, and on PostgreSQL, where the cache is
 * opt-in, {@code opstate.cache.max-staleness=1s}; {@code off}: {@code opstate.cache.max-mb=0}. Both
 * settings run in one JMH run, each in its own fork and store, the same data.
 */
@State(Scope.Benchmark)
public class CachedReads {
    static final int CONSTRUCTS = 10_000;
    static final int SESSIONS = 100;
    static final int ENTRIES = 50;
    /** What {@link TranscriptRecentBench} reads: the default {@code opstate.cache.recent-entries}. */
    static final int RECENT = 20;

    @Param({"sqlite-normal", "postgres"})
    public String backend;
    @Param({"on", "off"})
    public String cache;

    private BenchEnv env;
    Datastore store;
    final List<String> constructIds = new ArrayList<>();
    final List<String> sessionIds = new ArrayList<>();

    @Setup(Level.Trial)
    public void fill() {
        env = BenchEnv.create(Backend.of(backend));
        PersistenceConfig.Builder config = env.config().toBuilder();
        switch (cache) {
            case "on" -> {
                if (env.backend().postgres()) {
                    config.set(Settings.CACHE_MAX_STALENESS, Duration.ofSeconds(1));
                }
            }
            case "off" -> config.set(Settings.CACHE_MAX_MB, 0);
            default -> throw new IllegalArgumentException("cache must be on or off, was " + cache);
        }
        store = Persistence.open(config.build());
        for (int start = 0; start < CONSTRUCTS; start += 1000) {
            int from = start;
            store.inTransaction(tx -> {
                for (int i = from; i < from + 1000; i++) {
                    constructIds.add(tx.constructs().create(NewConstruct.of("feature", "active")
                            .withTitle("construct " + i).withMetadata(Payloads.JOB)).id());
                }
                return null;
            });
        }
        List<NewTranscriptEntry> entries = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            entries.add(NewTranscriptEntry.of(i % 2 == 0 ? "user" : "assistant", Payloads.ENTRY_TEXT)
                    .withData(Payloads.ENTRY_DATA));
        }
        for (int i = 0; i < SESSIONS; i++) {
            String session = store.sessions().create(NewSession.of(constructIds.get(i), "running")).id();
            store.transcripts().appendAll(session, entries);
            sessionIds.add(session);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        env.close();
    }

    String randomConstruct() {
        return constructIds.get(ThreadLocalRandom.current().nextInt(constructIds.size()));
    }

    String randomSession() {
        return sessionIds.get(ThreadLocalRandom.current().nextInt(sessionIds.size()));
    }
}
