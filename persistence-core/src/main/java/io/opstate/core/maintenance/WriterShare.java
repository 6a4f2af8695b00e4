package io.opstate.core.maintenance;

import io.opstate.operations.OperationCancelledException;
import java.util.concurrent.TimeUnit;

/**
 * How a long operation that writes in many short writes (a prune's batches, an optimisation's
 * repeated steps) leaves the store's writer to its callers: after each write it waits as long as
 * that write took, at most {@link #MAX_PAUSE_NANOS}. Back to back, its writes would take the one
 * writer (SQLite's) almost all the time, and every other write would wait behind one of them for
 * each of its own; so the operation uses at most about half the writer's time.
 */
public final class WriterShare {
    /** The longest pause between two writes. */
    static final long MAX_PAUSE_NANOS = 1_000_000_000L;

    private WriterShare() {
    }

    /**
     * Waits as long as a write of {@code operation} that took {@code writeNanos} did, at most
     * {@link #MAX_PAUSE_NANOS}.
     *
     * @throws OperationCancelledException when the thread is interrupted meanwhile
     */
    public static void pauseAfter(String operation, long writeNanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(writeNanos, MAX_PAUSE_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException(operation, e);
        }
    }
}
