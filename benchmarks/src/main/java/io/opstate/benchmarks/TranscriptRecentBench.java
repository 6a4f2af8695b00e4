package io.opstate.benchmarks;

import io.opstate.transcripts.TranscriptEntry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recent view of a transcript: the last {@value CachedReads#RECENT} entries
 * ({@code transcripts().last}) of a random one of {@value CachedReads#SESSIONS} sessions of
 * {@value CachedReads#ENTRIES} entries, with the read cache on and off ({@link CachedReads}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class TranscriptRecentBench {
    @Benchmark
    public List<TranscriptEntry> ours(CachedReads reads) {
        List<TranscriptEntry> recent = reads.store.transcripts().last(reads.randomSession(), CachedReads.RECENT);
        if (recent.size() != CachedReads.RECENT) {
            throw new IllegalStateException("expected " + CachedReads.RECENT + " entries, got " + recent.size());
        }
        return recent;
    }
}
