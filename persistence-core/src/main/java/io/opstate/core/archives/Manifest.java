package io.opstate.core.archives;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.archives.ArchiveFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The archive's {@code manifest.json}: what wrote it, when, from which schema, and every other
 * entry with its SHA-256, size and row count. Written last, read first.
 *
 * @param formatVersion the archive format: {@link #FORMAT_VERSION} for what this code writes, down to
 *     {@link #OLDEST_READABLE_VERSION} for what it reads
 * @param createdAt when the export began
 * @param sourceBackend the backend exported from, e.g. {@code sqlite}
 * @param schemaVersion the source's schema version, null for a backend without one
 * @param constructIds the chosen constructs; empty for the whole store
 * @param tokenPepperFingerprint the HMAC-SHA256 of a fixed label keyed by the source's token pepper, hex
 *     (see {@code docs/archive-format.md}); null when no token travels or the source has no pepper
 * @param entries every entry but the manifest, in the order written
 */
record Manifest(int formatVersion, Instant createdAt, String sourceBackend, String schemaVersion,
                Set<String> constructIds, String tokenPepperFingerprint, List<Entry> entries) {
    static final String NAME = "manifest.json";
    static final String FORMAT = "opstate-archive";
    /** Version 2 added artifacts and their blobs to version 1. */
    static final int FORMAT_VERSION = 2;
    /** Every later version holds what version 1 held, read the same way. */
    static final int OLDEST_READABLE_VERSION = 1;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * @param name the zip entry's name
     * @param entity the entity of a {@code .jsonl} entry, or {@code blob}
     * @param rows lines of a {@code .jsonl} entry; 0 for a blob
     * @param bytes the entry's uncompressed size
     * @param sha256 of the entry's uncompressed bytes, lowercase hex
     */
    record Entry(String name, String entity, long rows, long bytes, String sha256) {
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", formatVersion);
        root.put("createdAt", createdAt.toString());
        root.put("sourceBackend", sourceBackend);
        root.put("schemaVersion", schemaVersion);
        ArrayNode ids = root.putObject("selection").putArray("constructIds");
        constructIds.forEach(ids::add);
        root.put("tokenPepperFingerprint", tokenPepperFingerprint);
        ArrayNode list = root.putArray("entries");
        for (Entry entry : entries) {
            ObjectNode node = list.addObject();
            node.put("name", entry.name());
            node.put("entity", entry.entity());
            node.put("rows", entry.rows());
            node.put("bytes", entry.bytes());
            node.put("sha256", entry.sha256());
        }
        return root;
    }

    static Manifest fromJson(JsonNode root) {
        if (!root.isObject() || !FORMAT.equals(text(root, "format", false))) {
            throw problem("is not an OpState archive manifest (its format must be \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw problem("lacks a whole formatVersion");
        }
        if (!version.canConvertToInt() || version.intValue() < OLDEST_READABLE_VERSION
                || version.intValue() > FORMAT_VERSION) {
            throw problem("has format version " + version + "; this OpState reads versions "
                    + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION);
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(text(root, "createdAt", false));
        } catch (RuntimeException e) {
            throw problem("has no valid createdAt");
        }
        JsonNode selection = root.path("selection").path("constructIds");
        if (!selection.isArray()) {
            throw problem("lacks selection.constructIds");
        }
        Set<String> ids = new java.util.LinkedHashSet<>();
        selection.forEach(id -> ids.add(id.asText()));
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) {
            throw problem("lacks its entries");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : list) {
            String sha = text(node, "sha256", false);
            if (!SHA256.matcher(sha).matches()) {
                throw problem("gives entry " + node.path("name").asText() + " a sha256 that is not 64 lowercase hex digits");
            }
            JsonNode rows = node.get("rows");
            JsonNode bytes = node.get("bytes");
            if (rows == null || !rows.canConvertToExactIntegral() || rows.longValue() < 0
                    || bytes == null || !bytes.canConvertToExactIntegral() || bytes.longValue() < 0) {
                throw problem("gives entry " + node.path("name").asText() + " no valid rows or bytes");
            }
            entries.add(new Entry(text(node, "name", false), text(node, "entity", false), rows.longValue(),
                    bytes.longValue(), sha));
        }
        String fingerprint = text(root, "tokenPepperFingerprint", true);
        if (fingerprint != null && !SHA256.matcher(fingerprint).matches()) {
            throw problem("has a tokenPepperFingerprint that is not 64 lowercase hex digits");
        }
        return new Manifest(version.intValue(), createdAt, text(root, "sourceBackend", true),
                text(root, "schemaVersion", true), ids, fingerprint, entries);
    }

    private static String text(JsonNode node, String field, boolean nullable) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (nullable) {
                return null;
            }
            throw problem("lacks " + field);
        }
        if (!value.isTextual()) {
            throw problem("has a " + field + " that is not a string");
        }
        return value.textValue();
    }

    private static ArchiveFormatException problem(String problem) {
        return new ArchiveFormatException(NAME, problem);
    }
}
