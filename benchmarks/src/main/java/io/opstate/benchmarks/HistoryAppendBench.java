package io.opstate.benchmarks;

import io.opstate.history.HistoryEvent;
import io.opstate.history.NewHistoryEvent;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Path 5, history event append: one event with a small metadata document per transaction. Tables emptied before every iteration. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class HistoryAppendBench {
    @Benchmark
    public HistoryEvent ours(Ours.Cleared ours, PerThreadOps.Counter ops) {
        ops.add();
        return ours.store.history().append(NewHistoryEvent.of("job.claimed").withSubjectId("job-42")
                .withMetadata(Payloads.METADATA));
    }

    @Benchmark
    public HistoryEvent raw(Raw.Cleared raw) throws SQLException {
        return raw.store.appendHistory("job.claimed", "job-42", Payloads.METADATA);
    }

    /** The ceiling of {@value JobCreateBench#MANY} callers: that many appends per transaction from one thread, counted per event. */
    @Benchmark
    @OperationsPerInvocation(JobCreateBench.MANY)
    public void rawGrouped64(Raw.Cleared raw) throws SQLException {
        raw.store.appendHistories(JobCreateBench.MANY, "job.claimed", "job-42", Payloads.METADATA);
    }
}
