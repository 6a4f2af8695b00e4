package io.opstate.core;

/**
 * Cuts text that must never be lost for being long (the error and detail of a job's failure) to
 * a limit, keeping its head and saying how much was cut: the kept head is followed by
 * {@code "… [cut: N characters omitted]"}, N counting Unicode code points, and the whole result
 * stays within the limit. Text within the limit is returned as it is. A cut never falls between
 * the two halves of a surrogate pair. Stateless and thread-safe.
 */
public final class TextCuts {
    private TextCuts() {
    }

    /**
     * {@code value} if it is at most {@code maxChars} code points long, else its head and the
     * note of the cut, {@code maxChars} code points at most in all; null stays null.
     *
     * @param maxChars at least the length of the note, 64 or more
     */
    public static String toChars(String value, int maxChars) {
        if (value == null) {
            return null;
        }
        int total = value.codePointCount(0, value.length());
        if (total <= maxChars) {
            return value;
        }
        // the note of the longest possible cut: the actual one has as many digits or fewer
        int kept = maxChars - noteOf(total).length();
        return value.substring(0, value.offsetByCodePoints(0, kept)) + noteOf(total - kept);
    }

    /**
     * {@code value} if it is at most {@code maxBytes} long in UTF-8, else its head and the note
     * of the cut, {@code maxBytes} UTF-8 bytes at most in all; null stays null.
     *
     * @param maxBytes at least the length of the note in UTF-8, 64 or more
     */
    public static String toUtf8Bytes(String value, int maxBytes) {
        if (value == null || TextChecks.utf8Length(value) <= maxBytes) {
            return value;
        }
        int total = value.codePointCount(0, value.length());
        long budget = maxBytes - TextChecks.utf8Length(noteOf(total));
        long bytes = 0;
        int end = 0;
        int kept = 0;
        while (end < value.length()) {
            int next = value.offsetByCodePoints(end, 1);
            long size = TextChecks.utf8Length(value.subSequence(end, next));
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end = next;
            kept++;
        }
        return value.substring(0, end) + noteOf(total - kept);
    }

    /** What follows the kept head: how many code points were left out. */
    static String noteOf(long omitted) {
        return "\u2026 [cut: " + omitted + " characters omitted]";
    }
}
