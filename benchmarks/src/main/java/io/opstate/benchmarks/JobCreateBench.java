package io.opstate.benchmarks;

import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
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
 * Path 1, job create: enqueue one job with a ~200-byte JSON payload, each its own transaction.
 * Tables emptied before every iteration. Peer: JobRunr's {@code StorageProvider.save(job)}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class JobCreateBench {
    static final int GROUP = 8;
    /** The callers of the many-thread runs (benchmarks/many-threads.sh), and the rows of their ceiling's commits. */
    static final int MANY = 64;

    @Benchmark
    public Job ours(Ours.Cleared ours, PerThreadOps.Counter ops) {
        ops.add();
        return ours.store.jobs().create(NewJob.of(Payloads.JOB_TYPE).withPayload(Payloads.JOB));
    }

    @Benchmark
    public Job raw(Raw.Cleared raw) throws SQLException {
        return raw.store.createJob(Payloads.JOB_TYPE, Payloads.JOB);
    }

    /**
     * The ceiling group commit aims at: the baseline's INSERT, 8 jobs per transaction (one
     * commit, one fsync on FULL), counted per job. What a single writer reaches when every commit
     * carries as many jobs as there are benchmark threads at 8.
     */
    @Benchmark
    @OperationsPerInvocation(GROUP)
    public void rawGrouped(Raw.Cleared raw) throws SQLException {
        raw.store.createJobs(GROUP, Payloads.JOB_TYPE, Payloads.JOB);
    }

    /**
     * The ceiling of {@value #MANY} callers: the baseline's INSERT, {@value #MANY} jobs per
     * transaction from one thread, counted per job. No group commit of {@value #MANY} callers that
     * each wait for their own durable write can commit more rows per transaction.
     */
    @Benchmark
    @OperationsPerInvocation(MANY)
    public void rawGrouped64(Raw.Cleared raw) throws SQLException {
        raw.store.createJobs(MANY, Payloads.JOB_TYPE, Payloads.JOB);
    }

    @Benchmark
    public org.jobrunr.jobs.Job jobrunr(JobRunrPeer jobrunr) {
        return jobrunr.save();
    }
}
