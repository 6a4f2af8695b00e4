package io.opstate.benchmarks;

import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
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

/**
 * Path 4, execution record: start an execution (with a context document), then finish it as
 * succeeded with its steps; two transactions ({@code rawGrouped}: 8 records' starts, then their
 * finishes, per transaction). Tables emptied before every iteration. Peer:
 * Spring Batch's {@code JobRepository} create + update.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class ExecutionRecordBench {
    @Benchmark
    public Execution ours(Ours.Cleared ours, PerThreadOps.Counter ops) {
        ops.add();
        Execution started = ours.store.executions().start(NewExecution.of(Payloads.PIPELINE, "scheduler")
                .withContext(Payloads.CONTEXT));
        return ours.store.executions().finish(started.id(), ExecutionOutcome.succeeded().withSteps(Payloads.STEPS));
    }

    @Benchmark
    public Execution raw(Raw.Cleared raw) throws SQLException {
        Execution started = raw.store.startExecution(Payloads.PIPELINE, "scheduler", Payloads.CONTEXT);
        return raw.store.finishExecution(started.id(), ExecutionStatus.SUCCEEDED, Payloads.STEPS);
    }

    /**
     * The ceiling group commit aims at: the baseline's statements, 8 starts in one transaction,
     * then their 8 finishes in another, counted per execution.
     */
    @Benchmark
    @OperationsPerInvocation(JobCreateBench.GROUP)
    public void rawGrouped(Raw.Cleared raw) throws SQLException {
        raw.store.recordExecutions(JobCreateBench.GROUP, Payloads.PIPELINE, "scheduler", Payloads.CONTEXT,
                Payloads.STEPS);
    }

    /** The ceiling of {@value JobCreateBench#MANY} callers: that many starts per transaction, then their finishes, counted per execution. */
    @Benchmark
    @OperationsPerInvocation(JobCreateBench.MANY)
    public void rawGrouped64(Raw.Cleared raw) throws SQLException {
        raw.store.recordExecutions(JobCreateBench.MANY, Payloads.PIPELINE, "scheduler", Payloads.CONTEXT,
                Payloads.STEPS);
    }

    @Benchmark
    public Object springBatch(SpringBatchPeer springBatch) {
        return springBatch.record();
    }
}
