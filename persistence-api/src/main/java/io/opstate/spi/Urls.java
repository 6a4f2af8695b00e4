package io.opstate.spi;

import java.util.regex.Pattern;

/** Renders URLs for messages and logs with any password hidden. */
public final class Urls {
    private static final Pattern QUERY_PASSWORD =
            Pattern.compile("(?i)([?&;](?:password|pass|pwd|sslpassword)=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@?]+:)[^@/?]*(@)");

    private Urls() {
    }

    /** The URL with passwords replaced by {@code ****}; {@code null} stays {@code null}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = QUERY_PASSWORD.matcher(url).replaceAll("$1****");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1****$2");
    }
}
