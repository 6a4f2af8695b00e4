package io.opstate.sqlite.internal;

import io.opstate.operations.StoreObserver;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Whether many callers share a store's commits: a moving average of the writes per group commit,
 * crowded once it reaches {@link #CROWDED_FROM} and alone again only below {@link #ALONE_BELOW},
 * so that a load near one line does not switch back and forth. Thread-safe.
 *
 * <p>Why it matters (durability FULL, {@link CheckpointsBeside}): a checkpoint inside a commit
 * holds up every caller of that commit's batch, and with 64 of them it set p99 latency at 3.2-3.5
 * times the mean; a checkpoint beside the writer takes that away, but beside a lone writer whose
 * every commit syncs it cost 20-45 % of its rate (docs/benchmarks.md).
 */
final class CommitCrowd {
    /** Writes per commit, on average, from which commits are crowded. */
    static final int CROWDED_FROM = 16;
    /** Writes per commit, on average, below which crowded commits are alone again. */
    static final int ALONE_BELOW = 8;
    /** How many commits the average mostly remembers: each new one weighs 1/8. */
    private static final int MEMORY = 8;

    private double average = 1;
    private volatile boolean crowded;

    /** A transaction of {@code writes} group-committed writes committed. */
    synchronized void committed(int writes) {
        average += (writes - average) / MEMORY;
        if (!crowded && average >= CROWDED_FROM) {
            crowded = true;
        } else if (crowded && average < ALONE_BELOW) {
            crowded = false;
        }
    }

    boolean crowded() {
        return crowded;
    }

    /** {@code host}'s observer, told of every event as before, telling this of each group commit too. */
    StoreObserver watching(StoreObserver host) {
        return new Watching(host, this);
    }

    /** Overrides every method of {@link StoreObserver}, so that none of the host's is lost (checked by a test). */
    private record Watching(StoreObserver host, CommitCrowd crowd) implements StoreObserver {
        @Override
        public void migrated(int fromVersion, int toVersion, Duration took) {
            host.migrated(fromVersion, toVersion, took);
        }

        @Override
        public void batchCommitted(int writes, long nanos) {
            crowd.committed(writes);
            host.batchCommitted(writes, nanos);
        }

        @Override
        public void poolOpened(String name, DataSource pool) {
            host.poolOpened(name, pool);
        }

        @Override
        public void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
            host.maintenanceTaskFinished(task, succeeded, took);
        }
    }
}
