package io.opstate.benchmarks;

import io.opstate.jobs.Job;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Path 3, the worker loop: claim the next job (any type) under a lease, then complete it with a
 * small result; two transactions. The queue is refilled before every iteration, sized by
 * {@link QueueGauge} so it never runs dry while measured. Peer (PostgreSQL): db-scheduler executions.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ClaimCompleteBench {
    private static final String WORKER = "bench-worker";

    @Benchmark
    public Job ours(Ours.Queue ours) {
        Optional<Job> claimed = ours.store.jobs().claimNext(WORKER, Set.of(), Fill.LEASE);
        if (claimed.isEmpty()) {
            if (ours.gauge.dry()) {
                ours.refillInline();
            }
            return null;
        }
        Job job = claimed.get();
        return ours.store.jobs().complete(job.id(), job.fencingToken(), Payloads.RESULT);
    }

    @Benchmark
    public Job raw(Raw.Queue raw) throws SQLException {
        Optional<Job> claimed = raw.store.claimNext(WORKER, Fill.LEASE);
        if (claimed.isEmpty()) {
            if (raw.gauge.dry()) {
                raw.refillInline();
            }
            return null;
        }
        Job job = claimed.get();
        return raw.store.complete(job.id(), job.fencingToken(), Payloads.RESULT);
    }

    @Benchmark
    public boolean dbScheduler(DbSchedulerPeer dbScheduler) throws InterruptedException {
        return dbScheduler.awaitExecution();
    }
}
