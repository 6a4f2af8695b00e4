package io.opstate.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The metadata filter of a construct query, for backends that filter in Java: a JSON object
 * matches a filter object when it holds every top-level field of the filter with an equal value.
 * Values are equal as PostgreSQL {@code jsonb} compares them: objects field by field whatever the
 * key order, arrays element by element, numbers by value ({@code 1} equals {@code 1.0}), strings,
 * booleans and {@code null} exactly. Thread-safe.
 */
public final class JsonFieldMatch {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonFieldMatch() {
    }

    /**
     * Which metadata texts match {@code filterJson}, a JSON object checked already
     * ({@link JsonChecks#optionalObject}). Null metadata, or metadata that is not an object,
     * never matches.
     */
    public static Predicate<String> matcher(String filterJson) {
        JsonNode filter = parse(filterJson);
        return metadata -> metadata != null && fieldsMatch(parse(metadata), filter);
    }

    private static boolean fieldsMatch(JsonNode metadata, JsonNode filter) {
        if (!metadata.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = filter.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = metadata.get(field.getKey());
            if (value == null || !equal(value, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether two JSON values are equal as {@code jsonb} values are. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType() || a.size() != b.size()) {
            return false;
        }
        if (a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !equal(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: stored or checked JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
