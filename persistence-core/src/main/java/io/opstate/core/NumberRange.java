package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.internal.UserText;

/**
 * The JSON numbers every backend stores: those PostgreSQL's {@code numeric} (behind {@code jsonb})
 * holds, since text storage holds any. A number is refused when, with its exponent applied, it has
 * more than {@value #MAX_DIGITS_BEFORE_POINT} digits before the decimal point (magnitude
 * {@code 10^131072} or more), more than {@value #MAX_DIGITS_AFTER_POINT} digits after it (counting
 * the zeros written, as {@code numeric} keeps them: {@code 1.0e-16383} has 16,384), or an exponent
 * of {@value #MAX_EXPONENT} or more either way (refused by PostgreSQL even for zero). So
 * {@code 1e131071} and {@code 1e-16383} pass; {@code 1e999999} and {@code 1e-999999} do not.
 *
 * <p>Reads the literal's characters once, without building a number. Stateless and thread-safe.
 */
final class NumberRange {
    /** Digits {@code numeric} holds before the decimal point. */
    static final int MAX_DIGITS_BEFORE_POINT = 131_072;
    /** Digits {@code numeric} holds after the decimal point. */
    static final int MAX_DIGITS_AFTER_POINT = 16_383;
    /** Exponents PostgreSQL refuses while reading a number, whatever its digits. */
    static final long MAX_EXPONENT = Integer.MAX_VALUE / 2;

    private NumberRange() {
    }

    /**
     * Checks the number literal {@code text[offset, offset + length)}, which the JSON parser has
     * already read as a well-formed number.
     *
     * @throws InvalidInputException naming {@code field} when a backend could not store it
     */
    static void check(String field, char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (text[i] == '-') {
            i++;
        }
        int integerStart = i;
        while (i < end && isDigit(text[i])) {
            i++;
        }
        int integerDigits = i - integerStart;
        int fractionStart = i;
        int fractionDigits = 0;
        if (i < end && text[i] == '.') {
            fractionStart = ++i;
            while (i < end && isDigit(text[i])) {
                i++;
            }
            fractionDigits = i - fractionStart;
        }
        if (i == end) {
            return;
        }
        long exponent = exponent(text, i + 1, end);
        if (Math.abs(exponent) >= MAX_EXPONENT) {
            throw refused(field, text, offset, length, "its exponent is beyond what PostgreSQL reads");
        }
        if (fractionDigits - exponent > MAX_DIGITS_AFTER_POINT) {
            throw refused(field, text, offset, length,
                    "it has more than " + MAX_DIGITS_AFTER_POINT + " digits after the decimal point");
        }
        // Position of the leading non-zero digit as a power of ten; none for zero.
        long leading = Long.MIN_VALUE;
        for (int d = integerStart; d < integerStart + integerDigits; d++) {
            if (text[d] != '0') {
                leading = integerStart + integerDigits - 1 - d;
                break;
            }
        }
        for (int d = fractionStart; leading == Long.MIN_VALUE && d < fractionStart + fractionDigits; d++) {
            if (text[d] != '0') {
                leading = -(d - fractionStart + 1);
            }
        }
        if (leading != Long.MIN_VALUE && leading + exponent >= MAX_DIGITS_BEFORE_POINT) {
            throw refused(field, text, offset, length,
                    "it has more than " + MAX_DIGITS_BEFORE_POINT + " digits before the decimal point");
        }
    }

    /** The exponent's value, saturated far beyond {@link #MAX_EXPONENT} so it cannot overflow. */
    private static long exponent(char[] text, int from, int end) {
        boolean negative = text[from] == '-';
        int i = text[from] == '-' || text[from] == '+' ? from + 1 : from;
        long value = 0;
        for (; i < end; i++) {
            value = Math.min(value * 10 + (text[i] - '0'), 10 * MAX_EXPONENT);
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static InvalidInputException refused(String field, char[] text, int offset, int length, String why) {
        return new InvalidInputException(field, "holds the number " + UserText.shown(new String(text, offset, length), 40)
                + ", which not every backend can store: " + why);
    }
}
