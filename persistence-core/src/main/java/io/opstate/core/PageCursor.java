package io.opstate.core;

import io.opstate.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The keyset position after which the next page starts: the sort time and the tie-breaking
 * key of the last item of a page. Encoded as an opaque URL-safe token, identical on every
 * backend so cursors can be compared in tests and passed between processes.
 *
 * @param time sort time of the last item returned
 * @param key tie-breaker of the last item (an id, a name, or a decimal sequence number)
 */
public record PageCursor(Instant time, String key) {
    /**
     * Longest token accepted, in characters: more than any this library makes (a key of 200
     * four-byte characters and a time come to under 1,100), checked before decoding anything.
     */
    public static final int MAX_TOKEN_LENGTH = 2048;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The token for this position. */
    public String encode() {
        String raw = Times.toMicros(time) + ":" + key;
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The token for a position. */
    public static String encode(Instant time, String key) {
        return new PageCursor(time, key).encode();
    }

    /**
     * Reads a token; null gives null (first page). Cursors come back from clients, so anything
     * else is refused as invalid input, never passed on: a token that is too long, not base64,
     * not UTF-8, or without a time. Whether the key fits the listing is the caller's check.
     *
     * @throws InvalidInputException naming {@code cursor} for a token this library did not make
     */
    public static PageCursor decode(String token) {
        if (token == null) {
            return null;
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page (longer than "
                    + MAX_TOKEN_LENGTH + " characters)");
        }
        try {
            // Strict: malformed UTF-8 is refused rather than replaced by U+FFFD into another key.
            String raw = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(DECODER.decode(token)))
                    .toString();
            int colon = raw.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(Times.fromMicros(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
        } catch (RuntimeException | CharacterCodingException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous page", e);
        }
    }
}
