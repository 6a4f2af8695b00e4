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
 * Path 7, transcript append of one entry (323 bytes of text and 53 of JSON data): each thread
 * appends to a session of its own, each append its own transaction (moving the session's last
 * sequence number, inserting the entry, indexing it for search). Transcripts and their search
 * documents emptied before every iteration. {@code rawUnindexed}: the baseline without the search
 * index, what indexing costs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class TranscriptAppendBench {
    @Benchmark
    public TranscriptEntry ours(Ours.Sessions ours, Ours.OwnSession session, PerThreadOps.Counter ops) {
        ops.add();
        return ours.store.transcripts().append(session.id, Payloads.ENTRY);
    }

    @Benchmark
    public List<TranscriptEntry> raw(Raw.Sessions raw, Raw.OwnSession session) throws SQLException {
        return raw.store.appendEntries(session.id, List.of(Payloads.ENTRY));
    }

    @Benchmark
    public List<TranscriptEntry> rawUnindexed(Raw.Sessions raw, Raw.OwnSession session) throws SQLException {
        return raw.store.appendEntriesUnindexed(session.id, List.of(Payloads.ENTRY));
    }

    /**
     * The ceiling group commit aims at: the baseline's append to each of 8 sessions in one
     * transaction (one commit, one fsync on FULL), counted per append.
     */
    @Benchmark
    @OperationsPerInvocation(JobCreateBench.GROUP)
    public void rawGrouped(Raw.Sessions raw) throws SQLException {
        raw.store.appendEntriesGrouped(raw.grouped, List.of(Payloads.ENTRY));
    }

    /** The ceiling of {@value JobCreateBench#MANY} callers: one append to each of that many sessions per transaction, counted per append. */
    @Benchmark
    @OperationsPerInvocation(JobCreateBench.MANY)
    public void rawGrouped64(Raw.Sessions raw) throws SQLException {
        raw.store.appendEntriesGrouped(raw.many, List.of(Payloads.ENTRY));
    }
}
