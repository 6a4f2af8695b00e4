package io.opstate.benchmarks;

import io.opstate.jobs.Job;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Path 6a, read one job by a random id of a 10,000-job table ({@link Fill#readTable}). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class JobByIdBench {
    @Benchmark
    public Optional<Job> ours(Ours.Filled ours) {
        return ours.store.jobs().find(ours.randomId());
    }

    @Benchmark
    public Optional<Job> raw(Raw.Filled raw) throws SQLException {
        return raw.store.findJob(raw.randomId());
    }
}
