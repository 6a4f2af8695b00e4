package io.opstate.tck;

import io.opstate.core.PageCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Generators of hostile text with a format: JSON (malformed, too deep, too large, numbers beyond
 * what every backend stores, NUL and unpaired surrogates as escapes, and valid documents holding
 * hostile strings), cron expressions and page cursors (garbage, forged with keys no page ends on,
 * huge). Draws from the {@link HostileValues} it is given. Not thread-safe.
 */
final class HostileFormats {
    private static final String[] VALID_JSON = {"{}", "[]", "null", "true", "0", "-1.5e10", "\"text\"",
        "{\"a\":[1,{\"b\":null}],\"c\":\"ü😀\"}", "1e131071", "-12345e-16383", "0e131072", "-0.0", "-0", "1E+1000",
        "[1.5e300,-2E-300]", " {\"k\" : [ ] }\n"};
    private static final String[] MALFORMED_JSON = {"{", "}", "[1,]", "{'a':1}", "NaN", "// c\n{}", "{} {}", "",
        "   ", "\uFEFF{}", "{\"a\":1,\"a\":2}", "tru", "01", "\"unterminated", "[\"\\u0000\"]", "\"\\ud800\"",
        "{\"k\\udc00\":1}", "\"raw\u0000nul\"", "1e999999", "-1e-999999", "1e131072", "1e-16384", "0e1073741823",
        "[1e99999999999999999999]", "\"raw\ttab\"", "{\"a\" 1}", "[" + Outcome.MARK + "\n" + Outcome.MARK + "]"};
    private static final String[] VALID_CRON = {"0 2 * * *", "*/5 * * * *", "0 9 * * 1-5", "15,45 8-18 1 */2 *",
        "0 0 31 2 *", " 0 0 * * 0 ", "\t0 2 * * *\r\n", "0 0 1 JAN MON"};
    private static final String[] BAD_CRON = {"* * * *", "0 0 * * * *", "61 * * * *", "0 24 * * *", "0 0 32 * *",
        "every day", "@daily x", "0 0 * * \u0661", "0 0 * * *\u0000", "0 0\t* * *", "0 0 * * *\u2028"};

    /** Shared: building ten megabytes on every call would dominate the run. */
    private static final String[] HUGE_CRON = {"0 0 * * " + "1,".repeat(500_000) + "1", "0 0 * * " + "1,".repeat(5_000_000) + "1"};

    private final HostileValues values;

    HostileFormats(HostileValues values) {
        this.values = values;
    }

    /** JSON text for a document limited to {@code maxBytes} UTF-8 bytes. */
    Hostile<String> json(int maxBytes) {
        switch (values.random().nextInt(9)) {
            case 0: return Hostile.of(null, "null JSON");
            case 1: return Hostile.of(values.oneOf(VALID_JSON), "valid JSON");
            case 2: return Hostile.of(values.oneOf(MALFORMED_JSON), "malformed or unstorable JSON");
            case 3: {
                int depth = values.oneOf(1, 10, 500, 999, 1000, 1001, 2000);
                return Hostile.of("[".repeat(depth) + "]".repeat(depth), "arrays " + depth + " deep");
            }
            case 4: {
                int bytes = values.oneOf(maxBytes, maxBytes + 1);
                return Hostile.of("\"" + "a".repeat(bytes - 2) + "\"", "string of " + bytes + " bytes");
            }
            case 5: return Hostile.of("\"" + "\u20AC".repeat(maxBytes / 3 + 1) + "\"", "over the limit in bytes only");
            case 6: return Hostile.of(values.oneOf("1".repeat(1000), "1".repeat(1001), "0." + "1".repeat(998),
                    "-" + "9".repeat(999) + "e-999"), "long number");
            default: return document();
        }
    }

    /** A valid JSON document whose strings are hostile text, escaped as JSON requires. */
    private Hostile<String> document() {
        Hostile<String> key = values.text();
        Hostile<String> value = values.text();
        String json = "{" + quoted(key.value() == null ? "k" : key.value()) + ":[" + quoted(value.value() == null
                ? "v" : value.value()) + "," + values.random().nextInt() + "]}";
        return Hostile.of(json, "document holding " + key.label() + " and " + value.label());
    }

    /** {@code text} as a JSON string: control characters and unpaired surrogates as escapes. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A cron expression: valid, malformed, padded, with NUL or line breaks, at the length bound, huge. */
    Hostile<String> cron() {
        switch (values.random().nextInt(7)) {
            case 0: return Hostile.of(values.oneOf(VALID_CRON), "valid cron");
            case 1: return Hostile.of(values.oneOf(BAD_CRON), "bad cron");
            case 2: return Hostile.of(null, "null cron");
            case 3: return Hostile.of("1,".repeat(123) + values.oneOf("59 0 * * *", "59 0 * * * "), "256 characters");
            case 4: return Hostile.of("1,".repeat(124) + "59 0 * * *", "258 characters");
            case 5: return Hostile.of(values.oneOf(HUGE_CRON), "megabytes of a valid-looking list");
            default: return values.text();
        }
    }

    /**
     * A page cursor: null, {@code real} (one a page returned, when there is one), garbage,
     * forged with a key no page ends on, out of the time range, not UTF-8, or huge.
     */
    Hostile<String> cursor(String real, boolean numericKey) {
        Instant time = TckSupport.T0.plusSeconds(values.random().nextInt(1000));
        switch (values.random().nextInt(9)) {
            case 0: return Hostile.of(null, "null cursor");
            case 1: return real == null ? Hostile.of(null, "null cursor") : Hostile.of(real, "a real cursor");
            case 2: {
                Hostile<String> text = values.text();
                return Hostile.of(text.value(), "cursor of " + text.label());
            }
            case 3: {
                Hostile<String> key = numericKey ? Hostile.of(values.oneOf("42", "+42", "042", "-1", "9".repeat(30),
                        "\u0664\u0662"), "sequence-like key") : values.name();
                return Hostile.of(key.value() == null ? null : PageCursor.encode(time, key.value()),
                        "forged cursor with " + key.label());
            }
            case 4: return Hostile.of(PageCursor.encode(values.oneOf(Instant.parse("+10000-01-01T00:00:00Z"),
                    Instant.parse("0000-06-01T00:00:00Z")), "k"), "cursor out of the time range");
            case 5: return Hostile.of(Base64.getUrlEncoder().encodeToString(new byte[] {'1', ':', (byte) 0xC3, '(',
                    (byte) 0xFF}), "cursor that is not UTF-8");
            case 6: return Hostile.of("A".repeat(values.oneOf(2049, 1 << 20)), "huge cursor");
            case 7: return Hostile.of(Base64.getUrlEncoder().encodeToString(("1:" + values.word(3) + "\u0000")
                    .getBytes(StandardCharsets.UTF_8)), "cursor whose key holds NUL");
            default: return Hostile.of(values.oneOf("%%%", "====", "YQ", "OmtleQ", " "), "garbage cursor");
        }
    }
}
