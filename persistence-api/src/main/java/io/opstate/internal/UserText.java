package io.opstate.internal;

/**
 * Renders text that came from outside (a configuration value, a variable name) for messages and
 * logs, so it cannot forge a log line or flood one: line breaks, control and invisible formatting
 * characters are escaped (a line break as {@code \n}, others by their code) and {@link #shown}
 * cuts long text.
 *
 * <p>Stateless and thread-safe. Not an API: this package is not exported and may change in any
 * release.
 */
public final class UserText {
    /** Characters of a text {@link #shown} shows before cutting it. */
    public static final int MAX_SHOWN = 100;

    private UserText() {
    }

    /** {@code text} with every line break, control and formatting character escaped; {@code null} as {@code null}. */
    public static String escaped(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> appendEscaped(out, (char) c));
        return out.toString();
    }

    /**
     * {@code text} escaped as by {@link #escaped}, cut after {@value #MAX_SHOWN} characters with a
     * note of how many were left out.
     */
    public static String shown(String text) {
        if (text == null || text.length() <= MAX_SHOWN) {
            return escaped(text);
        }
        // never cut between the two halves of a surrogate pair
        int cut = Character.isHighSurrogate(text.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return escaped(text.substring(0, cut)) + "... (" + (text.length() - cut) + " more characters)";
    }

    /** {@code text} as {@link #shown}, in single quotes. */
    public static String quoted(String text) {
        return "'" + shown(text) + "'";
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (isInvisible(c)) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
    }
}
