package io.opstate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.resources.NewResource;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * OpState's documented resource JSON form (docs/getting-started.md, "Importing legacy JSON"):
 * one object {@code {"name": ..., "owner": ..., "spec": {...}, "labels": {"key": "value"}}};
 * {@code name} is required, the rest optional, no other field. Stateless.
 */
final class ResourceJsonForm {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "owner", "spec", "labels");

    private ResourceJsonForm() {
    }

    /** The resource of {@code kind} the text describes; {@link IllegalArgumentException} saying what is wrong. */
    static NewResource parse(String kind, String json) throws JsonProcessingException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be one JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field " + field + "; allowed: name, owner, spec, labels");
            }
        }
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("name: a string is required");
        }
        JsonNode owner = root.get("owner");
        if (owner != null && !owner.isNull() && !owner.isTextual()) {
            throw new IllegalArgumentException("owner: must be a string");
        }
        JsonNode spec = root.get("spec");
        if (spec != null && !spec.isNull() && !spec.isObject()) {
            throw new IllegalArgumentException("spec: must be a JSON object");
        }
        Map<String, String> labels = new TreeMap<>();
        JsonNode labelNode = root.get("labels");
        if (labelNode != null && !labelNode.isNull()) {
            if (!labelNode.isObject()) {
                throw new IllegalArgumentException("labels: must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = labelNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                if (!label.getValue().isTextual()) {
                    throw new IllegalArgumentException("labels." + label.getKey() + ": must be a string");
                }
                labels.put(label.getKey(), label.getValue().asText());
            }
        }
        return new NewResource(kind, name.asText(), owner == null || owner.isNull() ? null : owner.asText(),
                spec == null || spec.isNull() ? null : JSON.writeValueAsString(spec), labels);
    }
}
