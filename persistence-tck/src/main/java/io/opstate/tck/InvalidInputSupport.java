package io.opstate.tck;

import io.opstate.PersistenceConfig;
import java.time.Instant;

/**
 * Base of the invalid-input contracts: the store accepts JSON of at most {@value #MAX_PAYLOAD}
 * bytes, and helpers build values just inside and just outside each limit.
 */
public abstract class InvalidInputSupport extends TckSupport {
    /** The payload limit these contracts configure (the smallest the configuration allows). */
    protected static final int MAX_PAYLOAD = 1024;
    /** The last microsecond of year 0, just before the supported range. */
    protected static final Instant TOO_EARLY = Instant.parse("0000-12-31T23:59:59.999999Z");
    /** Year 10000. */
    protected static final Instant TOO_LATE = Instant.parse("+10000-01-01T00:00:00Z");
    /** Malformed JSON samples; each must be rejected. */
    protected static final String[] MALFORMED_JSON = {"{", "{\"a\":1} {\"b\":2}", "{'a':1}", "", "nope", "[1,]"};
    /** JSON that is well-formed but carries a NUL character as an escape. */
    protected static final String JSON_WITH_NUL = "{\"a\":\"x\\u0000y\"}";

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.maxPayloadBytes(MAX_PAYLOAD);
    }

    /** {@code n} characters of plain text. */
    protected static String text(int n) {
        return "x".repeat(n);
    }

    /** A JSON string value that is exactly {@code bytes} UTF-8 bytes long (quotes included). */
    protected static String jsonOfBytes(int bytes) {
        return "\"" + "a".repeat(bytes - 2) + "\"";
    }

    /** A JSON value under the limit in characters but over it in UTF-8 bytes (3 bytes per euro sign). */
    protected static String jsonOverLimitInBytesOnly() {
        String json = "\"" + "\u20ac".repeat(MAX_PAYLOAD / 3 + 1) + "\"";
        if (json.length() > MAX_PAYLOAD) {
            throw new IllegalStateException("sample must be short in characters");
        }
        return json;
    }
}
