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

    @Benchmark
    public Job ours(Ours.Cleared ours) {
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

    @Benchmark
    public org.jobrunr.jobs.Job jobrunr(JobRunrPeer jobrunr) {
        return jobrunr.save();
    }
}
