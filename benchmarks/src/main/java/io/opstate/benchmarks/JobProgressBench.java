package io.opstate.benchmarks;

import io.opstate.jobs.Job;
import io.opstate.jobs.JobProgress;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Path 2, job progress update by id: each benchmark thread holds one running job and reports
 * progress on it (fencing-token guarded update). The table holds one row per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class JobProgressBench {
    @Benchmark
    public Job ours(Ours.Plain ours, Ours.HeldJob held) {
        Job job = held.job;
        return ours.store.jobs().reportProgress(job.id(), job.fencingToken(),
                JobProgress.fraction(ThreadLocalRandom.current().nextDouble()).withStage("resize"));
    }

    @Benchmark
    public Job raw(Raw.Plain raw, Raw.HeldJob held) throws SQLException {
        Job job = held.job;
        return raw.store.reportProgress(job.id(), job.fencingToken(), ThreadLocalRandom.current().nextDouble(),
                "resize");
    }
}
