package io.opstate.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.opstate.InvalidInputException;
import io.opstate.internal.UserText;
import java.io.IOException;

/**
 * Checks JSON text before it is stored: at most the configured number of UTF-8 bytes (checked
 * before parsing), exactly one strict RFC 8259 value with nothing after it, no duplicate object
 * keys, no NUL or unpaired surrogate in any string, raw or escaped ({@code \u0000}), nesting at
 * most {@value #MAX_DEPTH} deep, number literals at most {@value #MAX_NUMBER_LENGTH} characters,
 * and every number within what PostgreSQL's {@code numeric} holds (see {@link NumberRange}).
 *
 * <p>Duplicate keys are refused because PostgreSQL {@code jsonb} keeps only the last one while
 * SQLite and memory keep the text as is: the value read back would differ between backends.
 * Numbers are bounded for the same reason: {@code jsonb} refuses {@code 1e999999}, which text
 * storage keeps. The text is not rewritten; backends store it as given. Messages quote the
 * parser's complaint escaped and cut. Stateless and thread-safe.
 */
public final class JsonChecks {
    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 1000;
    /** Longest number literal accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // The UTF-8 size check bounds the input already; do not add a second, lower limit.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private JsonChecks() {
    }

    /**
     * Required JSON text.
     *
     * @throws InvalidInputException naming {@code field} when null, too large or not one well-formed value
     */
    public static String required(String field, String json, int maxBytes) {
        if (json == null) {
            throw new InvalidInputException(field, "is required (JSON text)");
        }
        return check(field, json, maxBytes);
    }

    /** Like {@link #required} when not null; null stays null. */
    public static String optional(String field, String json, int maxBytes) {
        return json == null ? null : check(field, json, maxBytes);
    }

    /**
     * Like {@link #optional}, and the value must be a JSON object; null stays null.
     *
     * @throws InvalidInputException naming {@code field} when it is another JSON value
     */
    public static String optionalObject(String field, String json, int maxBytes) {
        if (json == null) {
            return null;
        }
        check(field, json, maxBytes);
        // Well-formed JSON may only have JSON whitespace before its value, so its first other character says what it is.
        int start = 0;
        while (" \t\r\n".indexOf(json.charAt(start)) >= 0) {
            start++;
        }
        if (json.charAt(start) != '{') {
            throw new InvalidInputException(field, "must be a JSON object ({...})");
        }
        return json;
    }

    private static String check(String field, String json, int maxBytes) {
        TextChecks.maxUtf8Bytes(field, json, maxBytes);
        TextChecks.storable(field, json);
        try (JsonParser parser = FACTORY.createParser(json)) {
            readOneValue(field, parser, json.indexOf('\\') >= 0);
            if (parser.nextToken() != null) {
                throw new InvalidInputException(field, "must be exactly one JSON value, found more after it at "
                        + position(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "is not well-formed JSON: " + UserText.shown(e.getOriginalMessage(), 200)
                    + " at " + position(e.getLocation()), e);
        } catch (IOException e) {
            throw new InvalidInputException(field, "is not well-formed JSON: " + UserText.shown(e.getMessage(), 200), e);
        }
        return json;
    }

    /**
     * @param escapes whether the text has a backslash: without one every string token is a
     *     substring of the text, which {@link TextChecks#storable} accepted already, so decoding
     *     it again would find nothing
     */
    private static void readOneValue(String field, JsonParser parser, boolean escapes) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new InvalidInputException(field, "is empty; expected one JSON value");
        }
        int depth = 0;
        while (true) {
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (escapes && (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING)) {
                // Catches what escapes decode to, e.g. "\u0000"; raw characters were checked before.
                TextChecks.storable(field, parser.getText());
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                // Integers need no look: MAX_NUMBER_LENGTH digits are far inside every backend's range.
                NumberRange.check(field, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
            if (token == null) {
                throw new InvalidInputException(field, "is not well-formed JSON: unexpected end of input");
            }
        }
    }

    private static String position(JsonLocation location) {
        return location == null ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
