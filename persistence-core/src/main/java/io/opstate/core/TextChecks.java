package io.opstate.core;

import io.opstate.InvalidInputException;
import java.util.Collection;
import java.util.Set;

/**
 * Checks of text arguments, each throwing {@link InvalidInputException} naming the field. Every
 * check rejects NUL and unpaired surrogates: PostgreSQL cannot store NUL, and an unpaired
 * surrogate has no UTF-8 form, so a driver would silently replace it and the value read back
 * would differ between backends. Lengths count Unicode code points, as databases do.
 * Stateless and thread-safe.
 */
public final class TextChecks {
    /** Longest id, name or type, in characters. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Longest free text (message, error, description, last result), in characters. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /**
     * Most names one set holds (the types of a claim or a job query): a claim seeks two index
     * ranges per type, so a thousand types made one claim a statement of two thousand ranges,
     * beyond what SQLite compiles in one compound query.
     */
    public static final int MAX_NAMES = 100;

    private TextChecks() {
    }

    /** A required id, name or type: 1..200 characters, not blank, no control characters. */
    public static String name(String field, String value) {
        String problem = nameProblem(value);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return value;
    }

    /** Whether {@link #name} would accept {@code value}. */
    public static boolean isName(String value) {
        return nameProblem(value) == null;
    }

    /** What {@link #name} finds wrong with {@code value}, or null. */
    private static String nameProblem(String value) {
        if (value == null) {
            return "is required";
        }
        if (value.isBlank()) {
            return "must not be blank";
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_NAME_LENGTH) {
            return "must be at most " + MAX_NAME_LENGTH + " characters, got " + length;
        }
        String unstorable = storableProblem(value);
        if (unstorable != null) {
            return unstorable;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "must not contain control characters, found " + codePoint(value.charAt(i)) + " at index " + i;
            }
        }
        return null;
    }

    /** Like {@link #name} when not null; null stays null. */
    public static String optionalName(String field, String value) {
        return value == null ? null : name(field, value);
    }

    /**
     * At most {@value #MAX_NAMES} elements, each checked with {@link #name}, null elements refused;
     * null becomes the empty set. Returns an immutable copy.
     */
    public static Set<String> names(String field, Collection<String> values) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > MAX_NAMES) {
            throw new InvalidInputException(field, "must hold at most " + MAX_NAMES + " names, got " + values.size());
        }
        for (String value : values) {
            if (value == null) {
                throw new InvalidInputException(field, "must not contain null");
            }
            name(field, value);
        }
        return Set.copyOf(values);
    }

    /** Required free text: not blank, at most 10,000 characters. */
    public static String requiredText(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        return text(field, value);
    }

    /** Optional free text: at most 10,000 characters; null stays null. */
    public static String text(String field, String value) {
        return text(field, value, MAX_TEXT_LENGTH);
    }

    /** Optional free text of at most {@code maxLength} characters (code points); null stays null. */
    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new InvalidInputException(field, "must be at most " + maxLength + " characters, got " + length);
        }
        storable(field, value);
        return value;
    }

    /** Optional long text (e.g. a stack trace): at most {@code maxBytes} in UTF-8; null stays null. */
    public static String sizedText(String field, String value, int maxBytes) {
        if (value == null) {
            return null;
        }
        maxUtf8Bytes(field, value, maxBytes);
        storable(field, value);
        return value;
    }

    /**
     * Checks that {@code value} is at most {@code maxBytes} long in UTF-8, without encoding it.
     *
     * @throws InvalidInputException naming {@code field} when longer
     */
    public static void maxUtf8Bytes(String field, CharSequence value, int maxBytes) {
        // Each char takes at least one byte, so a value longer in chars than allowed in bytes needs no count.
        long bytes = value.length() > maxBytes ? value.length() : utf8Length(value);
        if (bytes > maxBytes) {
            throw new InvalidInputException(field, "must be at most " + maxBytes + " bytes in UTF-8, got "
                    + (value.length() > maxBytes ? "at least " : "") + bytes);
        }
    }

    /** The length of {@code value} in UTF-8 bytes; an unpaired surrogate counts as 3. */
    public static long utf8Length(CharSequence value) {
        return utf8Length(value, 0, value.length());
    }

    /** Like {@link #utf8Length(CharSequence)}, of the characters from {@code start} to before {@code end}. */
    public static long utf8Length(CharSequence value, int start, int end) {
        long bytes = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Checks that every backend can store {@code value} exactly: no NUL, no unpaired surrogate.
     *
     * @throws InvalidInputException naming {@code field} otherwise
     */
    public static void storable(String field, CharSequence value) {
        String problem = storableProblem(value);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
    }

    /** What {@link #storable} finds wrong with {@code value}, or null. */
    private static String storableProblem(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "must not contain the NUL character (U+0000), found at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode, found an unpaired surrogate " + codePoint(c) + " at index " + i;
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
