package io.opstate.examples.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.examples.Json;
import io.opstate.jobs.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a pull's columns live on an OpState job of type {@value #TYPE}: {@code model},
 * {@code quantize} and {@code init} in the payload; {@code local_path}, {@code size_bytes} and
 * {@code preferred_quantized} in the result; status, times, bytes, progress, stage, error and
 * traceback are the job's own fields. Shared by the server ({@link OpStateJobDatabase}) and the
 * one-time import of its old {@code jobs.db} ({@code io.opstate.examples.legacy}).
 */
public final class PullJobLayout {
    /** The job type of a model pull. */
    public static final String TYPE = "model.pull";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PullJobLayout() {
    }

    /** The payload of a pull. */
    public static String payload(String model, String quantize, Boolean init) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model", model);
        payload.put("quantize", quantize);
        payload.put("init", init);
        return Json.object(payload);
    }

    /** The result of a pull, only the fields known; null when none is. */
    public static String result(String localPath, Long sizeBytes, Boolean preferredQuantized) {
        Map<String, Object> result = new LinkedHashMap<>();
        putIfKnown(result, "local_path", localPath);
        putIfKnown(result, "size_bytes", sizeBytes);
        putIfKnown(result, "preferred_quantized", preferredQuantized);
        return result.isEmpty() ? null : Json.object(result);
    }

    /** The row a job of type {@value #TYPE} stands for. */
    static PullJob read(Job job) {
        JsonNode payload = tree(job.payload());
        JsonNode result = tree(job.result());
        return new PullJob(job.id(), text(payload, "model"), text(payload, "quantize"), bool(payload, "init"),
                PullStatus.of(job.status()), job.stage(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.error(), job.errorDetail(), text(result, "local_path"), number(result, "size_bytes"),
                job.bytesDone(), job.progress(), job.bytesTotal(), bool(result, "preferred_quantized"));
    }

    private static void putIfKnown(Map<String, Object> object, String key, Object value) {
        if (value != null) {
            object.put(key, value);
        }
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pull job's JSON is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }
}
