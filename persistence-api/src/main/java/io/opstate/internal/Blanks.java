package io.opstate.internal;

/**
 * Removes the blanks that surround text typed by people or read from files and forms: spaces,
 * tabs, carriage returns and line feeds. Nothing else is removed, unlike {@link String#trim()},
 * which also drops NUL and every other control character, so {@code "running\u0000"} would read as
 * {@code "running"}; and unlike {@link String#strip()}, which drops the separators U+001C..U+001F.
 *
 * <p>Stateless and thread-safe. Not an API: this package is exported only to OpState's own
 * modules and may change in any release.
 */
public final class Blanks {
    private Blanks() {
    }

    /** {@code text} without leading and trailing blanks; null stays null. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
