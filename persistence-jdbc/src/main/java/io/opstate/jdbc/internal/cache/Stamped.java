package io.opstate.jdbc.internal.cache;

/**
 * A cached value with what decides whether it may still be served: the {@link Freshness#epoch()}
 * in which its load began, when that load began ({@link System#nanoTime()}), and roughly how many
 * bytes it holds.
 */
record Stamped(long epoch, long loadStartedNanos, Object value, int weight) {
}
