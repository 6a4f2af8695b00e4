package io.opstate.jdbc.internal.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * Freshness bounded by age alone: other processes' writes are not seen, so a value is served for
 * at most {@code maxAge} from the start of its load, and then read again. For databases shared by
 * processes that cannot be asked cheaply whether anything changed.
 */
public final class MaxStaleness implements Freshness {
    private final Duration maxAge;
    private volatile boolean closed;

    public MaxStaleness(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public long epoch() {
        return closed ? UNKNOWN : 0;
    }

    @Override
    public Optional<Duration> maxAge() {
        return Optional.of(maxAge);
    }

    @Override
    public void close() {
        closed = true;
    }
}
