package io.opstate.spi;

import io.opstate.internal.UserText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders URLs for messages and logs with any password hidden: the value of every parameter
 * named {@code password}, {@code pass}, {@code pwd} or {@code sslpassword} (in any case, also
 * when the name is percent-encoded, after {@code ?}, {@code &} or {@code ;}), and the password of
 * a {@code user:password@host} part. When in doubt it hides more: a password holding a raw
 * {@code /}, {@code ?} or {@code #} hides everything up to the last {@code @}. Stateless and
 * thread-safe.
 */
public final class Urls {
    /** Characters of a URL {@link #shown} shows before cutting it. */
    public static final int MAX_SHOWN = 300;

    private static final String MASK = "****";
    private static final Set<String> PASSWORD_KEYS = Set.of("password", "pass", "pwd", "sslpassword");
    private static final Pattern PARAMETER = Pattern.compile("([?&;])([^=&;?]*)=([^&;]*)");

    private Urls() {
    }

    /** The URL with passwords replaced by {@code ****}; {@code null} stays {@code null}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        return maskUserInfo(maskParameters(url));
    }

    /**
     * The URL for a message or a log line: {@linkplain #mask masked}, with line breaks and control
     * characters escaped, cut after {@value #MAX_SHOWN} characters.
     */
    public static String shown(String url) {
        return UserText.shown(mask(url), MAX_SHOWN);
    }

    private static String maskParameters(String url) {
        Matcher matcher = PARAMETER.matcher(url);
        StringBuilder out = new StringBuilder(url.length());
        while (matcher.find()) {
            String replacement = isPasswordKey(matcher.group(2))
                    ? matcher.group(1) + matcher.group(2) + "=" + MASK
                    : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    private static boolean isPasswordKey(String key) {
        String decoded;
        try {
            decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = key;
        }
        return PASSWORD_KEYS.contains(decoded.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Masks what follows the first {@code :} of the user-info part. In a well-formed URL that part
     * ends at the last {@code @} of the authority (which ends at the first {@code /}, {@code ?} or
     * {@code #}); when the authority has no {@code @} and is not a list of {@code host[:port]},
     * the password holds a raw delimiter and runs to the last {@code @} of the URL.
     */
    private static String maskUserInfo(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return url;
        }
        int from = start + 2;
        int end = from;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < from) {
            if (isHostList(url.substring(from, end))) {
                return url;
            }
            at = url.lastIndexOf('@');
        }
        int colon = url.indexOf(':', from);
        if (at < from || colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + MASK + url.substring(at);
    }

    /** Whether {@code authority} is {@code host[:port]} entries separated by commas (hosts may be {@code [IPv6]}). */
    private static boolean isHostList(String authority) {
        for (String entry : authority.split(",", -1)) {
            int portFrom = entry.startsWith("[") ? entry.indexOf(']') + 1 : entry.indexOf(':');
            if (portFrom <= 0 || portFrom >= entry.length()) {
                continue;
            }
            if (entry.charAt(portFrom) != ':' || !entry.substring(portFrom + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
