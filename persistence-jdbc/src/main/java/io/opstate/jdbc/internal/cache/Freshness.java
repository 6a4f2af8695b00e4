package io.opstate.jdbc.internal.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link ReadCache} learns of writes it did not make itself: those of other processes on
 * the same database. Thread-safe.
 */
public interface Freshness extends AutoCloseable {
    /** What {@link #epoch()} returns while the cache cannot tell what is current: serve nothing from it. */
    long UNKNOWN = -1;

    /**
     * The current epoch: it moves whenever the database may have changed in a way the cache was
     * not told of, so that values loaded in an earlier epoch are not served; {@link #UNKNOWN}
     * when that cannot be told now. Called before every cached read.
     */
    long epoch();

    /** How long after its load began a value may be served, if that is bounded by age rather than by {@link #epoch()}. */
    Optional<Duration> maxAge();

    /** Releases what the check holds (a connection); {@link #epoch()} is {@link #UNKNOWN} afterwards. */
    @Override
    void close();
}
