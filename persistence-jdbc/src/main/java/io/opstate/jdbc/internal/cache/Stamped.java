package io.opstate.jdbc.internal.cache;

/**
 * A cached value with what decides whether it may still be served: the {@link Freshness#epoch()}
 * in which its load began, how many times the whole cache had been emptied when it began
 * ({@code clears}), when that load began ({@link System#nanoTime()}), and roughly how many bytes
 * it holds.
 */
record Stamped(long epoch, long clears, long loadStartedNanos, Object value, int weight) {
}
