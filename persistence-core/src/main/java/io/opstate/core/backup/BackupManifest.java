package io.opstate.core.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code backup.json}, the manifest of a backup directory, written last: a directory without it
 * is an unfinished backup. It names the database copy with its size and SHA-256, and the number
 * and total size of the blobs beside it (each blob is named by the SHA-256 of its content, so it
 * verifies itself). docs/operations.md describes the layout.
 *
 * @param backend the backend that wrote it, e.g. {@code sqlite}
 * @param createdAt when the copy of the database was taken
 * @param schemaVersion the copy's schema version
 * @param databaseFile the copy's file name within the directory
 * @param databaseBytes its size
 * @param databaseSha256 its SHA-256
 * @param blobDirectory the artifact root of the copy within the directory
 * @param blobs how many blobs it holds
 * @param blobBytes their total size
 * @param missingBlobs SHA-256 of blobs referenced by the copy that could not be copied
 * @param keyFingerprint the {@link BackupKey#fingerprint()} of the key every file was encrypted
 *     with ({@link SegmentedAesGcm}), or null for a plain backup; sizes and hashes are of the
 *     plain content
 */
public record BackupManifest(String backend, Instant createdAt, String schemaVersion, String databaseFile,
                             long databaseBytes, String databaseSha256, String blobDirectory, long blobs,
                             long blobBytes, List<String> missingBlobs, String keyFingerprint) {
    /** The cipher an encrypted backup names. */
    static final String CIPHER = "AES-256-GCM in 1 MiB segments";

    /** The manifest's file name. */
    public static final String FILE_NAME = "backup.json";
    /** What {@code format} says in every OpState backup manifest. */
    static final String FORMAT = "opstate-backup";
    /** The layout version this library writes and reads. */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public BackupManifest {
        missingBlobs = List.copyOf(missingBlobs);
    }

    /** Whether the files of the backup are encrypted. */
    public boolean encrypted() {
        return keyFingerprint != null;
    }

    /** Writes the manifest into {@code directory}, durably, readable by the owner only. */
    public void writeTo(Path directory) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("backend", backend);
        root.put("createdAt", createdAt.toString());
        root.put("schemaVersion", schemaVersion);
        ObjectNode database = root.putObject("database");
        database.put("file", databaseFile);
        database.put("bytes", databaseBytes);
        database.put("sha256", databaseSha256);
        ObjectNode blobNode = root.putObject("blobs");
        blobNode.put("directory", blobDirectory);
        blobNode.put("count", blobs);
        blobNode.put("bytes", blobBytes);
        ArrayNode missing = root.putArray("missingBlobs");
        missingBlobs.forEach(missing::add);
        if (keyFingerprint != null) {
            ObjectNode encryption = root.putObject("encryption");
            encryption.put("cipher", CIPHER);
            encryption.put("keyFingerprint", keyFingerprint);
        }
        Path file = directory.resolve(FILE_NAME);
        DurableFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        OwnerOnly.restrict(file);
    }

    /**
     * The manifest of the backup in {@code directory}.
     *
     * @throws InvalidInputException naming {@code field} when there is none (an unfinished backup,
     *     or not a backup) or it is not one this library reads
     */
    public static BackupManifest readFrom(Path directory, String field) {
        Path file = directory.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(field, "has no " + FILE_NAME + ": " + directory
                    + " is not a complete OpState backup (an unfinished one, or another directory)");
        } catch (IOException e) {
            throw new InvalidInputException(field, "has an unreadable " + FILE_NAME + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new InvalidInputException(field, FILE_NAME + " is not an OpState backup manifest of format version "
                    + FORMAT_VERSION + " (format " + root.path("format") + ", version " + root.path("formatVersion") + ")");
        }
        try {
            JsonNode database = required(root, "database", field);
            JsonNode blobNode = required(root, "blobs", field);
            List<String> missing = new ArrayList<>();
            root.path("missingBlobs").forEach(node -> missing.add(node.asText()));
            return new BackupManifest(text(root, "backend", field), Instant.parse(text(root, "createdAt", field)),
                    text(root, "schemaVersion", field), plainName(text(database, "file", field), field),
                    number(database, "bytes", field), text(database, "sha256", field),
                    plainName(text(blobNode, "directory", field), field), number(blobNode, "count", field),
                    number(blobNode, "bytes", field), missing,
                    root.hasNonNull("encryption") ? text(root.get("encryption"), "keyFingerprint", field) : null);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException(field, FILE_NAME + " is malformed: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, FILE_NAME + " lacks \"" + name + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String field) {
        JsonNode value = required(node, name, field);
        if (!value.isTextual()) {
            throw new InvalidInputException(field, FILE_NAME + ": \"" + name + "\" is not text");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String name, String field) {
        JsonNode value = required(node, name, field);
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw new InvalidInputException(field, FILE_NAME + ": \"" + name + "\" is not a count");
        }
        return value.asLong();
    }

    /** A name the manifest gives must stay inside the backup directory. */
    private static String plainName(String name, String field) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, FILE_NAME + " names a file outside the backup: \"" + name + "\"");
        }
        return name;
    }
}
