package io.opstate.internal;

/**
 * Renders text that came from outside (a configuration value, a variable name) for messages and
 * logs, so it cannot forge a log line or flood one: line breaks, control and invisible formatting
 * characters and unpaired surrogates are escaped (a line break as {@code \n}, others by their
 * code) and {@link #shown} cuts long text.
 *
 * <p>Stateless and thread-safe. Not an API: this package is exported only to OpState's own
 * modules and may change in any release.
 */
public final class UserText {
    /** Characters of a text {@link #shown} shows before cutting it. */
    public static final int MAX_SHOWN = 100;

    private UserText() {
    }

    /**
     * {@code text} with every line break, control and formatting character and every unpaired
     * surrogate escaped; {@code null} as {@code null}.
     */
    public static String escaped(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                appendEscaped(out, c);
            }
        }
        return out.toString();
    }

    /**
     * {@code text} escaped as by {@link #escaped}, cut after {@value #MAX_SHOWN} characters with a
     * note of how many were left out.
     */
    public static String shown(String text) {
        return shown(text, MAX_SHOWN);
    }

    /**
     * {@code text} escaped as by {@link #escaped}, cut after {@code maxShown} characters with a
     * note of how many were left out: for text known to be longer, such as a URL or a parser's own
     * message that quotes its input.
     */
    public static String shown(String text, int maxShown) {
        if (text == null || text.length() <= maxShown) {
            return escaped(text);
        }
        // never cut between the two halves of a surrogate pair
        int cut = maxShown > 0 && Character.isHighSurrogate(text.charAt(maxShown - 1)) ? maxShown - 1 : maxShown;
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

    /** Also true for a surrogate: {@link #escaped} passes the halves of a valid pair on before asking. */
    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
