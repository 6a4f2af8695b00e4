package io.opstate.benchmarks;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import java.sql.SQLException;
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
 * Path 6b, the first page of 100 jobs filtered by status (succeeded, 2,000 of the 10,000 jobs of
 * {@link Fill#readTable}), newest first.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class JobPageBench {
    private static final JobQuery SUCCEEDED = JobQuery.all().withStatuses(JobStatus.SUCCEEDED);

    @Benchmark
    public Page<Job> ours(Ours.Filled ours) {
        return ours.store.jobs().list(SUCCEEDED, PageRequest.first(100));
    }

    @Benchmark
    public List<Job> raw(Raw.Filled raw) throws SQLException {
        return raw.store.pageByStatus(JobStatus.SUCCEEDED, 100);
    }
}
