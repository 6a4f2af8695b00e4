package io.opstate.jdbc.internal.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.UnreadableValueException;
import java.util.Map;
import java.util.TreeMap;

/** A resource's labels as the JSON object its row keeps. */
final class LabelsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };

    private LabelsJson() {
    }

    static String write(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: labels of plain strings failed to serialise", e);
        }
    }

    static Map<String, String> read(String id, String json) {
        try {
            return JSON.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            throw new UnreadableValueException("opstate_resources", id, "labels", json, "a JSON object of strings");
        }
    }
}
