package io.opstate.core.archives;

import io.opstate.archives.ImportAction;
import io.opstate.imports.ImportedBlob;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fresh keys an import under {@code COPY_AS_NEW} gave records whose keys the store held, per
 * entity, so later records' references to them are rewritten, what it decided for each record
 * that others belong to (sessions), so that their checkpoints and entries follow, and how the
 * store keeps each blob the import stored before its transaction. Holds only the copied keys,
 * one decision per session and one entry per blob.
 */
final class KeyMap {
    private final Map<String, Map<String, String>> byEntity = new HashMap<>();
    private final Map<String, Map<String, ImportAction>> decisions = new HashMap<>();
    private final Map<String, ImportedBlob> storedBlobs;

    /** @param storedBlobs by SHA-256, the blobs stored for this import; empty for a dry run */
    KeyMap(Map<String, ImportedBlob> storedBlobs) {
        this.storedBlobs = storedBlobs;
    }

    /** How the store keeps the content of this SHA-256, when the import stored it. */
    Optional<ImportedBlob> storedBlob(String sha256) {
        return Optional.ofNullable(storedBlobs.get(sha256));
    }

    /** Notes what the import decided for a record that other records belong to (a session). */
    void decided(String entity, String key, ImportAction action) {
        decisions.computeIfAbsent(entity, e -> new HashMap<>()).put(key, action);
    }

    /** What the import decided for the record {@code key} of {@code entity}, if it was in the archive. */
    Optional<ImportAction> decision(String entity, String key) {
        return Optional.ofNullable(decisions.getOrDefault(entity, Map.of()).get(key));
    }

    void put(String entity, String archived, String fresh) {
        byEntity.computeIfAbsent(entity, e -> new HashMap<>()).put(archived, fresh);
    }

    /** The fresh key of {@code archived}, or {@code archived} itself when it was not copied; null stays null. */
    String get(String entity, String archived) {
        if (archived == null) {
            return null;
        }
        return byEntity.getOrDefault(entity, Map.of()).getOrDefault(archived, archived);
    }
}
