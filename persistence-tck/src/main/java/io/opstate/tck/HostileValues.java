package io.opstate.tck;

import io.opstate.SortOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Generators of hostile values, all drawn from one seeded {@link Random} so a failure reproduces
 * from its seed: text of every shape (null, empty, blank, at and over each length bound, huge, with
 * NUL, unpaired surrogates, line breaks, control and invisible characters), numbers and durations
 * at and beyond their bounds, instants outside the stored range, time zones, enum constants and
 * sets holding null. Each generator also returns valid values often enough that some calls pass
 * validation and reach the backend. Not thread-safe.
 */
final class HostileValues {
    /** Line breaks, each generated with {@link Outcome#MARK} on both sides. */
    private static final String[] BREAKS = {"\n", "\r", "\r\n", "\u000B", "\u000C", "\u0085", "\u2028", "\u2029"};
    private static final String[] ODD = {"\u0000", "\u0001", "\u001B[31m", "\u007F", "\u009B", "\u202E", "\u200B",
        "\uFEFF", "\u00AD", "\uFFFF", "\uFFFE", "\uDBFF\uDFFF", "\uD800", "\uDC00", "\uDC00\uD800", "😀", "日本",
        "e\u0301", "%00", "' OR 1=1; --", "${jndi:ldap://x/a}", "../../etc/passwd", "\\", "\"", "<script>", "{\"a\":1}"};
    /** Shared by every generator: building megabytes a hundred times would dominate the run. */
    private static final String MEGABYTE = "m".repeat(1 << 20);
    private static final String TEN_MEGABYTES = (Outcome.MARK + "\n" + Outcome.MARK).repeat((10 << 20) / 13);
    private static final String[] ZONE_IDS = ZoneId.getAvailableZoneIds().stream().sorted().toArray(String[]::new);

    private final Random random;
    private final List<String> validNames;

    /** @param validNames names the store knows (seeded ids, types), sometimes returned as they are */
    HostileValues(Random random, String... validNames) {
        this.random = random;
        this.validNames = List.of(validNames);
    }

    Random random() {
        return random;
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Any text: a free-text field's or a name's. */
    Hostile<String> text() {
        switch (random.nextInt(17)) {
            case 0: return Hostile.of(null, "null");
            case 1: return Hostile.of("", "empty");
            case 2: return Hostile.of(oneOf(" ", "\t", "\u00A0", "\u3000", " \n "), "blank");
            case 3: return Hostile.of(word(1 + random.nextInt(20)), "word");
            case 4: return Hostile.of(word(3) + oneOf(" ", "/", ":", ".", "-", "_", "@", "#", "?", "&") + word(3), "punctuated");
            case 5: return Hostile.of(oneOf("ü😀日本", "Ωμέγα", "😀".repeat(3), "\uD83D\uDE00x"), "non-ASCII");
            case 6: {
                int length = oneOf(199, 200, 201);
                return Hostile.of(chance(50) ? "x".repeat(length) : "😀".repeat(length), length + " code points");
            }
            case 7: {
                int length = oneOf(9_999, 10_000, 10_001);
                return Hostile.of("t".repeat(length), length + " chars");
            }
            case 8: return chance(10) ? Hostile.of(TEN_MEGABYTES, "10 MB with line breaks") : Hostile.of(MEGABYTE, "1 MB");
            case 9: return withInside("\u0000", "NUL");
            case 10: return withInside(oneOf("\uD800", "\uDBFF", "\uDC00", "\uDFFF"), "unpaired surrogate");
            case 11: return lineBreak();
            case 12: return withInside(oneOf("\u0001", "\u001B", "\u007F", "\u009B", "\t"), "control character");
            case 13: return withInside(oneOf(ODD), "odd characters");
            case 14: return Hostile.of(oneOf(" x ", "\tx\n", "x "), "valid but padded");
            case 15: return Hostile.of(oneOf("0", "-1", "1e999999", "NaN", "null", "true"), "number-like");
            default: return name();
        }
    }

    /** Text for a name or id field: valid half of the time. */
    Hostile<String> name() {
        if (chance(50)) {
            return validName();
        }
        return chance(10) ? Hostile.of(null, "null") : text();
    }

    /** A valid name: one the store knows, or a new one. */
    Hostile<String> validName() {
        if (!validNames.isEmpty() && chance(30)) {
            return Hostile.of(oneOf(validNames.toArray(String[]::new)), "known name");
        }
        return Hostile.of(oneOf(word(8), "n-" + random.nextInt(1000), "ü😀-" + word(2), "x".repeat(200),
                "a b", "\uFFFF", "%41"), "new valid-looking name");
    }

    /** Text with a line break, {@link Outcome#MARK} on both sides of it, somewhere in the middle. */
    Hostile<String> lineBreak() {
        String lineBreak = oneOf(BREAKS);
        return Hostile.of(word(2) + Outcome.MARK + lineBreak + Outcome.MARK + word(2),
                "line break U+" + String.format("%04X", (int) lineBreak.charAt(0)));
    }

    private Hostile<String> withInside(String odd, String label) {
        String value = switch (random.nextInt(3)) {
            case 0 -> odd + word(3);
            case 1 -> word(3) + odd + word(3);
            default -> word(3) + odd;
        };
        return Hostile.of(value, label);
    }

    String word(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    /** A set of names: null, empty, valid, or holding null, blank, hostile or a thousand names. */
    Hostile<Set<String>> names() {
        switch (random.nextInt(7)) {
            case 0: return Hostile.of(null, "null set");
            case 1: return Hostile.of(Set.of(), "empty set");
            case 2: {
                Hostile<String> name = validName();
                return Hostile.of(Set.of(name.value()), "{" + name.label() + "}");
            }
            case 3: {
                Set<String> withNull = new HashSet<>(Arrays.asList("a", null));
                return Hostile.of(withNull, "set holding null");
            }
            case 4: {
                Hostile<String> name = text();
                Set<String> set = new HashSet<>();
                set.add(name.value());
                return Hostile.of(set, "{" + name.label() + "}");
            }
            case 5: {
                int count = oneOf(100, 101, 1000);
                return Hostile.of(new LinkedHashSet<>(IntStream.range(0, count).mapToObj(i -> "type-" + i).toList()),
                        count + " names");
            }
            default: return Hostile.of(new LinkedHashSet<>(validNames), "every known name");
        }
    }

    /** Null, or a constant of {@code type}. */
    <E extends Enum<E>> Hostile<E> choice(Class<E> type) {
        if (chance(20)) {
            return Hostile.of(null, "null " + type.getSimpleName());
        }
        E constant = oneOf(type.getEnumConstants());
        return Hostile.of(constant, constant.name());
    }

    /** An array of constants of {@code type}, possibly null, empty, repeating or holding null. */
    <E extends Enum<E>> Hostile<E[]> choices(Class<E> type) {
        E[] constants = type.getEnumConstants();
        List<E> chosen = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            chosen.add(chance(15) ? null : oneOf(constants));
        }
        if (chance(10)) {
            return Hostile.of(null, "null array");
        }
        @SuppressWarnings("unchecked")
        E[] array = chosen.toArray((E[]) java.lang.reflect.Array.newInstance(type, 0));
        return Hostile.of(array, Arrays.toString(array));
    }

    Hostile<SortOrder> order() {
        return choice(SortOrder.class);
    }

    /** Instants around the stored range (year 1 to 9999) and its edges; null sometimes. */
    Hostile<Instant> instant() {
        switch (random.nextInt(10)) {
            case 0: return Hostile.of(null, "null instant");
            case 1: return Hostile.of(oneOf(Instant.MIN, Instant.MAX), "Instant.MIN/MAX");
            case 2: return Hostile.of(Instant.parse("0000-12-31T23:59:59.999999Z"), "last microsecond of year 0");
            case 3: return Hostile.of(Instant.parse("+10000-01-01T00:00:00Z"), "year 10000");
            case 4: return Hostile.of(Instant.parse("9999-12-31T23:59:59.999999999Z"), "last nanosecond of year 9999");
            case 5: return Hostile.of(Instant.parse("0001-01-01T00:00:00Z"), "first instant of year 1");
            case 6: return Hostile.of(Instant.EPOCH.minusNanos(1), "just before the epoch");
            default: return Hostile.of(TckSupport.T0.plusSeconds(random.nextInt(200_001) - 100_000L)
                    .plusNanos(random.nextInt(1_000_000_000)), "near now");
        }
    }

    /** Leases and other durations: zero, negative, just inside and outside 1 s..24 h, extreme. */
    Hostile<Duration> duration() {
        switch (random.nextInt(9)) {
            case 0: return Hostile.of(null, "null duration");
            case 1: return Hostile.of(Duration.ZERO, "zero");
            case 2: return Hostile.of(Duration.ofSeconds(-30), "negative");
            case 3: return Hostile.of(Duration.ofMillis(999), "999 ms");
            case 4: return Hostile.of(Duration.ofHours(24).plusNanos(1), "24 h + 1 ns");
            case 5: return Hostile.of(oneOf(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE)),
                    "extreme");
            case 6: return Hostile.of(oneOf(Duration.ofSeconds(1), Duration.ofHours(24)), "edge of 1 s..24 h");
            default: return Hostile.of(Duration.ofSeconds(1 + random.nextInt(86_400)), "within 1 s..24 h");
        }
    }

    /** An int from {@code edges} or the extremes, or a random one. */
    Hostile<Integer> integer(int... edges) {
        int value = switch (random.nextInt(4)) {
            case 0 -> oneOf(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE);
            case 1 -> random.nextInt(4001) - 2000;
            default -> edges[random.nextInt(edges.length)];
        };
        return Hostile.of(value, "int " + value);
    }

    /** A long from {@code edges} or the extremes, or a random one. */
    Hostile<Long> longValue(long... edges) {
        long value = switch (random.nextInt(4)) {
            case 0 -> oneOf(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE);
            case 1 -> random.nextLong();
            default -> edges[random.nextInt(edges.length)];
        };
        return Hostile.of(value, "long " + value);
    }

    /** A fraction for progress: null, NaN, infinities, both zeros, just outside 0..1, inside. */
    Hostile<Double> fraction() {
        Double value = switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> oneOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            case 2 -> oneOf(-0.0, 0.0, 1.0);
            case 3 -> oneOf(Math.nextUp(1.0), -Double.MIN_VALUE, Double.MIN_VALUE, -1e-300);
            default -> random.nextDouble();
        };
        return Hostile.of(value, "fraction " + value);
    }

    /** A byte count: null, negative, zero, the largest, or random. */
    Hostile<Long> count() {
        Long value = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> oneOf(-1L, Long.MIN_VALUE);
            case 2 -> oneOf(0L, Long.MAX_VALUE);
            default -> (long) random.nextInt(1_000_000);
        };
        return Hostile.of(value, "count " + value);
    }

    /** A time zone: null, UTC, the largest offsets, a region, a prefixed offset. */
    Hostile<ZoneId> zone() {
        ZoneId zone = switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> ZoneOffset.UTC;
            case 2 -> oneOf(ZoneOffset.MAX, ZoneOffset.MIN);
            case 3 -> ZoneId.of("GMT+05:30");
            default -> ZoneId.of(oneOf(ZONE_IDS));
        };
        return Hostile.of(zone, "zone " + zone);
    }
}
