package io.opstate.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration the way configuration files and environments spell one: ISO-8601
 * ({@code PT30S}, {@code P7D}), or one or more amounts with a unit, Go's {@code time.Duration}
 * style ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, {@code 1h30m},
 * {@code 1.5h}). Units: {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m},
 * {@code h}, {@code d}, in any case; spaces may separate amounts, units and terms.
 *
 * <p>Stateless and thread-safe. Not an API: this package is not exported and may change in any
 * release.
 */
public final class Durations {
    /** What {@link #parse} accepts, in words, for error messages. */
    public static final String EXPECTED = "a duration such as PT30S, 500ms, 30s, 5m, 2h, 7d or 1h30m";

    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d+)?)[ \\t]*([a-zµ]+)[ \\t]*");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L);

    private Durations() {
    }

    /**
     * The duration {@code text} spells, which must have no surrounding blanks.
     *
     * @throws IllegalArgumentException when it is not a duration, or does not fit in a
     *     {@link Duration} of whole nanoseconds
     */
    public static Duration parse(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration", e);
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        Matcher term = TERM.matcher(lower);
        BigDecimal nanos = BigDecimal.ZERO;
        for (int at = 0; at < lower.length(); at = term.end()) {
            if (!term.region(at, lower.length()).lookingAt()) {
                throw new IllegalArgumentException("expected an amount and a unit at '" + lower.substring(at) + "'");
            }
            Long unit = NANOS_PER_UNIT.get(term.group(2));
            if (unit == null) {
                throw new IllegalArgumentException("unknown unit '" + term.group(2) + "'");
            }
            nanos = nanos.add(new BigDecimal(term.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not a whole number of nanoseconds, or too long", e);
        }
    }
}
