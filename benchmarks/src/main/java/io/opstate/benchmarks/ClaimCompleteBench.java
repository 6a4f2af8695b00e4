package io.opstate.benchmarks;

import io.opstate.jobs.Job;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Path 3, the worker loop: claim the next job (any type) under a lease, then complete it with a
 * small result; two transactions. The queue is refilled before every iteration, sized by
 * {@link QueueGauge} so it never runs dry while measured. {@code oursBatched} claims 8 jobs per
 * call ({@code claimBatch}), as db-scheduler's lock-and-fetch does, against
 * {@code rawBatched}, the same by hand. Peer (PostgreSQL):
 * db-scheduler executions.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class ClaimCompleteBench {
    private static final String WORKER = "bench-worker";
    /** Jobs per {@code claimBatch} in {@link #oursBatched}. */
    static final int BATCH = 8;

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

    /**
     * The worker loop with lock-and-fetch, as db-scheduler polls: a thread claims up to
     * {@link #BATCH} jobs in one call when it has none left, then completes them one by one. One
     * operation is still one job claimed and completed.
     */
    @Benchmark
    public Job oursBatched(Ours.Queue ours, Claimed claimed) {
        Job job = claimed.jobs.poll();
        if (job == null) {
            List<Job> batch = ours.store.jobs().claimBatch(WORKER, Set.of(), Fill.LEASE, BATCH);
            if (batch.isEmpty()) {
                if (ours.gauge.dry()) {
                    ours.refillInline();
                }
                return null;
            }
            claimed.jobs.addAll(batch);
            job = claimed.jobs.poll();
        }
        return ours.store.jobs().complete(job.id(), job.fencingToken(), Payloads.RESULT);
    }

    /** The jobs a thread's last batch claimed and it has not completed yet. */
    @State(Scope.Thread)
    public static class Claimed {
        final ArrayDeque<Job> jobs = new ArrayDeque<>();

        /** The queue is emptied and refilled between iterations, so held jobs are gone. */
        @Setup(Level.Iteration)
        public void forget() {
            jobs.clear();
        }
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

    /**
     * The baseline of {@link #oursBatched}: OpState's batch claim statement by hand, then one
     * complete per job, each in its own transaction. What the schema and the database allow for a
     * worker loop that claims 8 jobs at a time.
     */
    @Benchmark
    public Job rawBatched(Raw.Queue raw, Claimed claimed) throws SQLException {
        Job job = claimed.jobs.poll();
        if (job == null) {
            List<Job> batch = raw.store.claimBatch(WORKER, Fill.LEASE);
            if (batch.isEmpty()) {
                if (raw.gauge.dry()) {
                    raw.refillInline();
                }
                return null;
            }
            claimed.jobs.addAll(batch);
            job = claimed.jobs.poll();
        }
        return raw.store.complete(job.id(), job.fencingToken(), Payloads.RESULT);
    }

    @Benchmark
    public boolean dbScheduler(DbSchedulerPeer dbScheduler) throws InterruptedException {
        return dbScheduler.awaitExecution();
    }
}
