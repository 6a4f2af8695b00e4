package io.opstate;

import io.opstate.internal.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kind of value a {@link Setting} holds: its Java type and how it is read from text. Parsers
 * get trimmed text and throw a {@link RuntimeException} when it does not fit; the setting turns
 * that into an {@link InvalidInputException} using {@link #expected()}.
 */
final class ValueType<T> {
    static final ValueType<String> TEXT = new ValueType<>(String.class, "text", Function.identity());
    static final ValueType<Integer> INTEGER = new ValueType<>(Integer.class, "a whole number", Integer::valueOf);
    static final ValueType<Duration> DURATION = new ValueType<>(Duration.class, Durations.EXPECTED, Durations::parse);
    static final ValueType<Boolean> FLAG = new ValueType<>(Boolean.class, "true or false", ValueType::flag);

    private final Class<T> javaType;
    private final String expected;
    private final Function<String, T> parser;

    private ValueType(Class<T> javaType, String expected, Function<String, T> parser) {
        this.javaType = javaType;
        this.expected = expected;
        this.parser = parser;
    }

    /** Constants of {@code type} by name, in any case, with dashes for underscores ({@code validate-only}). */
    static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return new ValueType<>(type, "one of " + names,
                text -> Enum.valueOf(type, text.replace('-', '_').toUpperCase(Locale.ROOT)));
    }

    /** Only the two words, in any case: {@link Boolean#parseBoolean} would read a typo as false. */
    private static Boolean flag(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not true or false: " + text);
    }

    Class<T> javaType() {
        return javaType;
    }

    /** What the text must look like, in words: {@code "a whole number"}. */
    String expected() {
        return expected;
    }

    T parse(String text) {
        return parser.apply(text);
    }

    /** Whether blank text means "no value" rather than a value: only for free text. */
    boolean blankIsAbsent() {
        return javaType == String.class;
    }
}
