package io.opstate.core;

import io.opstate.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one time precision and range every backend stores: UTC instants truncated to
 * microseconds, from year 1 to year 9999 (what PostgreSQL {@code timestamptz} and fixed-width
 * ISO-8601 text both hold exactly).
 */
public final class Times {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Times() {
    }

    /** The clock's current instant, truncated to microseconds. */
    public static Instant now(Clock clock) {
        return truncate(clock.instant());
    }

    /** {@code instant} truncated to microseconds; null stays null. */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Truncates {@code instant} and checks it is within {@link #MIN}..{@link #MAX}.
     *
     * @throws InvalidInputException naming {@code field} when out of range
     */
    public static Instant checked(String field, Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant truncated = truncate(instant);
        // Checked after truncating, so every instant of year 9999 passes, including its last microsecond.
        if (truncated.isBefore(MIN) || truncated.isAfter(MAX)) {
            throw new InvalidInputException(field, "must be between " + MIN + " and " + MAX + ", got " + instant);
        }
        return truncated;
    }

    /** Microseconds since the epoch; the unit stored numerically and in cursors. */
    public static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    /** The instant {@code micros} microseconds after the epoch. */
    public static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
