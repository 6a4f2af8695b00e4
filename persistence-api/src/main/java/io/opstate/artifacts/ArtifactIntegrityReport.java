package io.opstate.artifacts;

import java.util.List;

/**
 * What {@link ArtifactRepository#checkIntegrity} found. Lists hold at most
 * {@link #MAX_LISTED} entries each; the counts are complete.
 *
 * @param full whether every blob was read back and hashed (else a sample was)
 * @param rowsChecked artifact rows whose blob was looked for
 * @param blobsChecked blobs read back and hashed
 * @param blobs blob files found under the artifact root
 * @param blobBytes their total size on disk: the store's real footprint after compression and deduplication
 * @param missingBlobs ids of artifacts whose blob is missing or has the wrong size; not repairable here
 * @param corruptBlobs SHA-256 of blobs whose content no longer matches it; not repairable here
 * @param orphanBlobs SHA-256 of blobs no artifact references
 * @param orphansRemoved how many orphan blobs the repair removed
 * @param orphansKept how many orphan blobs were kept because they are younger than
 *     {@link ArtifactRepository#GC_GRACE} (a put may be about to reference them) or no repair was asked
 */
public record ArtifactIntegrityReport(boolean full, long rowsChecked, long blobsChecked, long blobs, long blobBytes,
                                      List<String> missingBlobs, List<String> corruptBlobs, List<String> orphanBlobs,
                                      long orphansRemoved, long orphansKept) {
    /** Most entries a list of the report holds. */
    public static final int MAX_LISTED = 1000;

    public ArtifactIntegrityReport {
        missingBlobs = List.copyOf(missingBlobs);
        corruptBlobs = List.copyOf(corruptBlobs);
        orphanBlobs = List.copyOf(orphanBlobs);
    }

    /** Whether nothing is wrong that a repair cannot fix: no missing or corrupt blob. */
    public boolean healthy() {
        return missingBlobs.isEmpty() && corruptBlobs.isEmpty();
    }
}
