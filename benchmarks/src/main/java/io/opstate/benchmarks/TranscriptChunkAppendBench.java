package io.opstate.benchmarks;

import io.opstate.transcripts.TranscriptEntry;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Path 8, transcript append of a chunk of {@value Payloads#CHUNK} entries at once (user and
 * assistant turns, as {@link TranscriptAppendBench}'s): one operation is one chunk, atomically
 * numbered and indexed for search, its own transaction. Each thread appends to a session of its
 * own; transcripts and their search documents emptied before every iteration. {@code rawUnindexed}:
 * the baseline without the search index.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class TranscriptChunkAppendBench {
    @Benchmark
    public List<TranscriptEntry> ours(Ours.Sessions ours, Ours.OwnSession session) {
        return ours.store.transcripts().appendAll(session.id, Payloads.ENTRY_CHUNK);
    }

    @Benchmark
    public List<TranscriptEntry> raw(Raw.Sessions raw, Raw.OwnSession session) throws SQLException {
        return raw.store.appendEntries(session.id, Payloads.ENTRY_CHUNK);
    }

    @Benchmark
    public List<TranscriptEntry> rawUnindexed(Raw.Sessions raw, Raw.OwnSession session) throws SQLException {
        return raw.store.appendEntriesUnindexed(session.id, Payloads.ENTRY_CHUNK);
    }

    /** The group-commit ceiling: a chunk appended to each of 8 sessions in one transaction, counted per chunk. */
    @Benchmark
    @OperationsPerInvocation(JobCreateBench.GROUP)
    public void rawGrouped(Raw.Sessions raw) throws SQLException {
        raw.store.appendEntriesGrouped(raw.grouped, Payloads.ENTRY_CHUNK);
    }
}
