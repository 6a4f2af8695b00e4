package io.opstate.operations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A backup written by {@link io.opstate.Persistence#backup}: a consistent copy of the database
 * as of one moment, and the artifact blobs its rows reference.
 *
 * @param directory where it was written
 * @param schemaVersion the schema version of the copy
 * @param databaseBytes the size of the database copy
 * @param blobs artifact blobs copied
 * @param blobBytes their total size as stored (compressed where the store compressed them)
 * @param missingBlobs SHA-256 of blobs the copy's rows reference but the store no longer had when
 *     they were copied: an artifact deleted while the backup ran and its blob collected, or a blob
 *     the store had lost before (its integrity check reports it); the restored store's integrity
 *     check reports these too
 * @param took how long it took
 */
public record BackupReport(Path directory, String schemaVersion, long databaseBytes, long blobs, long blobBytes,
                           List<String> missingBlobs, Duration took) {
    public BackupReport {
        missingBlobs = List.copyOf(missingBlobs);
    }

    /** Whether every blob the copy references was copied. */
    public boolean complete() {
        return missingBlobs.isEmpty();
    }
}
