package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.transcripts.TranscriptEntry;
import java.sql.SQLException;
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
 * A chunk of {@value #CHUNK} entries read from a long transcript ({@link TranscriptFixture},
 * {@code entries} of them, 1,000,000 in {@code benchmarks/transcripts.sh}, 10,000 in the smoke
 * pass): at the start ({@code read(session, 0, 100)}) and 90 % of the way down
 * ({@code read(session, 0.9 × entries, 100)}, entry 900,001 on). The target: the deep chunk within
 * 20 % of the first. 1 thread, public API, the same store for both, filled once per fork. SQL
 * backends only: the transcript is written with SQL.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 15, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class TranscriptReadBench {
    static final int CHUNK = 100;

    /** The store holding the long transcript. */
    @State(Scope.Benchmark)
    public static class LongTranscript {
        @Param({"sqlite-normal", "postgres"})
        public String backend;
        @Param({"10000"})
        public long entries;

        BenchEnv env;
        Datastore store;
        long deep;

        @Setup(Level.Trial)
        public void fill() throws SQLException {
            env = BenchEnv.create(Backend.of(backend));
            env.open().close();
            TranscriptFixture.fill(env.admin(), env.backend().postgres(), entries);
            store = env.open();
            deep = entries / 10 * 9;
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            env.close();
        }
    }

    @Benchmark
    public List<TranscriptEntry> chunkAtStart(LongTranscript transcript) {
        return checked(transcript.store.transcripts().read(TranscriptFixture.SESSION, 0, CHUNK), 1);
    }

    @Benchmark
    public List<TranscriptEntry> chunkDeep(LongTranscript transcript) {
        return checked(transcript.store.transcripts().read(TranscriptFixture.SESSION, transcript.deep, CHUNK),
                transcript.deep + 1);
    }

    /** Fails the run (-foe) when a chunk is short or does not start where asked. */
    private static List<TranscriptEntry> checked(List<TranscriptEntry> chunk, long first) {
        if (chunk.size() != CHUNK || chunk.get(0).sequence() != first) {
            throw new IllegalStateException("expected " + CHUNK + " entries from " + first + ", got " + chunk.size()
                    + (chunk.isEmpty() ? "" : " from " + chunk.get(0).sequence()));
        }
        return chunk;
    }
}
