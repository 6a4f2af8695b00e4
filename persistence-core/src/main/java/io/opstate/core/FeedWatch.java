package io.opstate.core;

import io.opstate.resources.ResourceRepository;
import java.time.Duration;

/**
 * How a {@link ResourceFeedWaiter} learns of changes committed by other processes (or other store
 * objects on the same database), which its own store's writes cannot tell it of. Thread-safe.
 */
public interface FeedWatch extends AutoCloseable {
    /** Nothing else writes the store (memory): a waiter sleeps until woken or its deadline. */
    FeedWatch NONE = waiter -> null;

    /**
     * Readies the watch before a wait reads the feed, so that from now on every commit of another
     * writer either wakes {@code waiter} ({@link ResourceFeedWaiter#changed}) or is found by a
     * re-read the waiter makes by itself within the returned interval.
     *
     * @return the longest the waiter may sleep between reads; null when it need not re-read by itself
     */
    Duration watch(ResourceFeedWaiter waiter);

    /** Releases what the watch holds; waiters fall back to re-reading. Idempotent. */
    @Override
    default void close() {
    }

    /** No notifications: a waiter re-reads every {@code interval} (a cheap indexed read of the feed). */
    static FeedWatch polling(Duration interval) {
        return waiter -> interval;
    }

    /** {@link #polling} at {@value ResourceRepository#FEED_CHECK_MILLIS} ms. */
    static FeedWatch polling() {
        return polling(Duration.ofMillis(ResourceRepository.FEED_CHECK_MILLIS));
    }
}
