package io.opstate.operations;

import java.nio.file.Path;

/**
 * A store restored by {@link io.opstate.Persistence#restore} from a backup, every file of which
 * was verified against the backup's manifest first.
 *
 * @param location the store written: its database file
 * @param artifactRoot where its artifact blobs went
 * @param schemaVersion the schema version of the backup (opening the store migrates it as usual)
 * @param databaseBytes the size of the restored database
 * @param blobs artifact blobs restored
 * @param blobBytes their total size as stored
 */
public record RestoreReport(Path location, Path artifactRoot, String schemaVersion, long databaseBytes, long blobs,
                            long blobBytes) {
}
