package io.opstate.core;

import io.opstate.PersistenceException;
import io.opstate.resources.ResourceChange;
import io.opstate.resources.ResourceRepository;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Waits for the resource change feed without busy polling: a writer of this process calls
 * {@link #changed()} after each resource write and wakes every waiter at once; changes
 * committed elsewhere are found by re-reading every {@value ResourceRepository#FEED_CHECK_MILLIS}
 * ms. A wake-up between a waiter's read and its wait is not lost: the waiter only sleeps while
 * the generation it saw before reading is still current. Thread-safe.
 */
public final class ResourceFeedWaiter {
    private long generation;

    /** Wakes every waiter: a resource write of this process has happened. */
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
            List<ResourceChange> changes = read.get();
            long left = deadline - System.nanoTime();
            if (!changes.isEmpty() || left <= 0) {
                return changes;
            }
            sleep(seen, Math.min(left, Duration.ofMillis(ResourceRepository.FEED_CHECK_MILLIS).toNanos()));
        }
    }

    private synchronized void sleep(long seen, long nanos) {
        long until = System.nanoTime() + nanos;
        try {
            for (long left = nanos; generation == seen && left > 0; left = until - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while waiting for resource changes", e);
        }
    }
}
