package io.opstate.benchmarks;

import io.opstate.operations.StoreObserver;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * With {@code -Dbench.batch-stats=true} (e.g. {@code -jvmArgsPrepend -Dbench.batch-stats=true}),
 * OpState's stores report their group-committed transactions here, and the write benchmarks print
 * at the end of every iteration {@code # batches: N commits, W writes per commit, T µs per
 * transaction}: how full the batches were and how long each took from begin to commit. Off by
 * default, so that a store is opened exactly as a host opens it. Thread-safe.
 */
final class BatchStats implements StoreObserver {
    static final boolean ENABLED = Boolean.getBoolean("bench.batch-stats");
    static final BatchStats INSTANCE = new BatchStats();

    private final LongAdder commits = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    private BatchStats() {
    }

    @Override
    public void batchCommitted(int batchWrites, long batchNanos) {
        commits.increment();
        writes.add(batchWrites);
        nanos.add(batchNanos);
    }

    /** Prints what was committed since the last call, and starts counting anew; nothing when off. */
    static void printAndReset() {
        if (!ENABLED) {
            return;
        }
        long n = INSTANCE.commits.sumThenReset();
        long w = INSTANCE.writes.sumThenReset();
        long t = INSTANCE.nanos.sumThenReset();
        System.out.printf(Locale.ROOT, "%n# batches: %d commits, %.2f writes per commit, %.0f µs per transaction%n", n,
                n == 0 ? 0.0 : (double) w / n, n == 0 ? 0.0 : t / 1000.0 / n);
    }
}
