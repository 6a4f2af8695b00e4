package io.opstate.examples.llamactl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An instance's options as the JSON object a resource keeps as its spec. It holds what the plan's
 * table spreads over {@code backend_config_json} and the option columns, every default filled in;
 * {@code backend_type} is a label instead, so the kind can restrict it and listings filter on it.
 */
final class InstanceSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private InstanceSpec() {
    }

    static String write(InstanceOptions options) {
        InstanceOptions complete = options.withDefaults();
        ObjectNode spec = JSON.createObjectNode();
        spec.set("backend_options", JSON.valueToTree(complete.backendOptions()));
        spec.put("auto_restart", complete.autoRestart());
        spec.put("max_restarts", complete.maxRestarts());
        spec.put("restart_delay", complete.restartDelay());
        spec.put("on_demand_start", complete.onDemandStart());
        spec.put("idle_timeout", complete.idleTimeout());
        spec.put("docker_enabled", complete.dockerEnabled());
        if (complete.commandOverride() != null) {
            spec.put("command_override", complete.commandOverride());
        }
        spec.set("nodes", JSON.valueToTree(complete.nodes()));
        spec.set("environment", JSON.valueToTree(complete.environment()));
        return spec.toString();
    }

    /** The options of a stored spec; {@code backendType} comes from the resource's label. */
    static InstanceOptions read(BackendType backendType, String spec) {
        JsonNode node = tree(spec);
        return new InstanceOptions(backendType, map(node.get("backend_options"), OBJECT),
                bool(node, "auto_restart"), integer(node, "max_restarts"), integer(node, "restart_delay"),
                bool(node, "on_demand_start"), integer(node, "idle_timeout"), bool(node, "docker_enabled"),
                text(node, "command_override"), strings(node.get("nodes")), map(node.get("environment"), STRINGS));
    }

    /**
     * An instance file of llamactl's JSON era:
     * {@code {"name": ..., "status": ..., "created": <unix seconds>, "options": {"backend_type": ...,
     * "backend_options": {...}, "auto_restart": ..., ...}}}.
     *
     * @throws IllegalArgumentException naming the field that is missing or has a value llamactl never wrote
     */
    static Instance readLegacyFile(String json) {
        JsonNode file = tree(json);
        String name = text(file, "name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: missing");
        }
        JsonNode options = file.get("options");
        if (options == null || !options.isObject()) {
            throw new IllegalArgumentException("options: missing");
        }
        BackendType backendType = BackendType.fromWire(text(options, "backend_type"));
        InstanceOptions read = new InstanceOptions(backendType, map(options.get("backend_options"), OBJECT),
                bool(options, "auto_restart"), integer(options, "max_restarts"), integer(options, "restart_delay"),
                bool(options, "on_demand_start"), integer(options, "idle_timeout"), bool(options, "docker_enabled"),
                text(options, "command_override"), strings(options.get("nodes")), map(options.get("environment"), STRINGS));
        String status = text(file, "status");
        return new Instance(name, status == null ? InstanceStatus.STOPPED : InstanceStatus.fromWire(status), read,
                null, null, null);
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T map(JsonNode node, TypeReference<T> type) {
        return node == null || node.isNull() ? null : JSON.convertValue(node, type);
    }

    private static Set<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + ": not true or false: " + value);
        }
        return value.booleanValue();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(field + ": not a whole number: " + value);
        }
        return value.intValue();
    }
}
