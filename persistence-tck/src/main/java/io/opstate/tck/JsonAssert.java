package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares JSON text by meaning, not by spelling: key order and whitespace are ignored, as
 * PostgreSQL {@code jsonb} normalises both. Numbers compare by value as Jackson reads them.
 */
public final class JsonAssert {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonAssert() {
    }

    /** Fails unless both are null, or both are JSON documents with the same content. */
    public static void assertJsonEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            assertThat(actual).as("JSON text").isEqualTo(expected);
            return;
        }
        assertThat(parse(actual)).as("JSON %s compared with %s", actual, expected).isEqualTo(parse(expected));
    }

    /** The parsed tree of {@code json}; fails the test if the text is not JSON. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return fail("not well-formed JSON: " + json, e);
        }
    }
}
