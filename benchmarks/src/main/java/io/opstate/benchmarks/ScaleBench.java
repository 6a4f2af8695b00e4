package io.opstate.benchmarks;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
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
 * The scale target of issue 5: job paths on a table of 1,000,000 jobs should run within 20 % of
 * the same on 10,000 jobs (the indexes doing their job). Through OpState's public API on the
 * table of {@link ScaleFill} ({@link ScaleStore}: history, 10 running, a queue of 3,000):
 * <ul>
 *   <li>{@code create}: enqueue one job with the ~200-byte payload;</li>
 *   <li>{@code claimComplete}: {@code claimNext} (any type) then {@code complete};</li>
 *   <li>{@code pageFirst}: the newest page of 100 succeeded jobs;</li>
 *   <li>{@code pageDeep}: the page of 100 succeeded jobs after a cursor half-way down the table.</li>
 * </ul>
 * Short iterations (200 ms; the table is put back as filled before each, see {@link ScaleStore}),
 * so that the creates of one iteration add few rows (about 5 % at 10k) and the queue of 3,000
 * outlasts an iteration up to 15,000 claims/s; 4 s of warm-up, because the JIT takes seconds
 * to reach a steady rate on these paths (claim + complete on SQLite: 730/s in the first second,
 * 2,150/s from the sixth on). Method names are not {@code ours}/{@code raw}, so run.sh and
 * smoke.sh leave this class out (a 1M-row fill); benchmarks/scale.sh runs it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 15, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class ScaleBench {
    @Benchmark
    public Job create(ScaleStore scale) {
        return scale.store.jobs().create(NewJob.of(Payloads.JOB_TYPE).withPayload(Payloads.JOB));
    }

    @Benchmark
    public Job claimComplete(ScaleStore scale) {
        Optional<Job> claimed = scale.store.jobs().claimNext(ScaleStore.WORKER, Set.of(), Fill.LEASE);
        if (claimed.isEmpty()) {
            scale.queueRanDry();
            return null;
        }
        Job job = claimed.get();
        return scale.store.jobs().complete(job.id(), job.fencingToken(), Payloads.RESULT);
    }

    @Benchmark
    public Page<Job> pageFirst(ScaleStore scale) {
        return scale.store.jobs().list(ScaleStore.SUCCEEDED, PageRequest.first(ScaleStore.PAGE));
    }

    @Benchmark
    public Page<Job> pageDeep(ScaleStore scale) {
        return scale.store.jobs().list(ScaleStore.SUCCEEDED, scale.deepPage);
    }
}
