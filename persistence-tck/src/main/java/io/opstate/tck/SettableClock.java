package io.opstate.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. Thread-safe: workers on other threads see a
 * move at once. {@link #withZone} returns a view that shares the same time. Starts at
 * {@link #START}, whose sub-microsecond digits make every store truncate.
 */
public final class SettableClock extends Clock {
    /** The default start: non-zero micros and nanos, so truncation to microseconds is exercised. */
    public static final Instant START = Instant.parse("2026-03-01T10:15:30.123456789Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock at {@link #START}, in UTC. */
    public SettableClock() {
        this(new AtomicReference<>(START), ZoneOffset.UTC);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock to {@code instant} (backwards too). */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock forward (or back, for a negative amount) and returns the new time. */
    public Instant advance(Duration amount) {
        return now.updateAndGet(current -> current.plus(amount));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SettableClock(now, newZone);
    }

    @Override
    public String toString() {
        return "SettableClock[" + now.get() + ", " + zone + "]";
    }
}
