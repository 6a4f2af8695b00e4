package io.opstate.core;

import io.opstate.PersistenceException;
import io.opstate.resources.ResourceChange;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Waits for the resource change feed without busy polling: a writer of this process calls
 * {@link #changed()} once each resource write has committed and wakes every waiter at once;
 * changes committed elsewhere wake it through its {@link FeedWatch} (PostgreSQL's notifications)
 * or are found by re-reading at the interval the watch asks for. A wake-up between a waiter's
 * read and its wait is not lost: the waiter only sleeps while the generation it saw before
 * reading is still current. A wait ends at its deadline, not later: the last sleep is cut to it.
 * Thread-safe.
 */
public final class ResourceFeedWaiter {
    private final FeedWatch watch;
    private long generation;

    /** A waiter that only this process's writes wake (memory: nobody else writes the store). */
    public ResourceFeedWaiter() {
        this(FeedWatch.NONE);
    }

    public ResourceFeedWaiter(FeedWatch watch) {
        this.watch = watch;
    }

    /** Wakes every waiter: a resource write has committed, or may have. */
    public synchronized void changed() {
        generation++;
        notifyAll();
    }

    /** {@code read}'s changes as soon as there are any, or empty once {@code timeout} has passed. */
    public List<ResourceChange> await(Supplier<List<ResourceChange>> read, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (this) {
                seen = generation;
            }
            Duration recheck = timeout.isZero() ? null : watch.watch(this);
            List<ResourceChange> changes = read.get();
            long left = deadline - System.nanoTime();
            if (!changes.isEmpty() || left <= 0) {
                return changes;
            }
            sleep(seen, recheck == null ? left : Math.min(left, recheck.toNanos()));
        }
    }

    /** Stops the watch of other writers; wakes every waiter, whose next read then finds the store closed. */
    public void close() {
        try {
            watch.close();
        } finally {
            changed();
        }
    }

    private synchronized void sleep(long seen, long nanos) {
        long until = System.nanoTime() + nanos;
        try {
            for (long left = nanos; generation == seen && left > 0; left = until - System.nanoTime()) {
                wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while waiting for resource changes", e);
        }
    }
}
