package io.opstate.artifacts;

/**
 * Space taken by a set of artifacts.
 *
 * @param artifacts how many artifacts
 * @param logicalBytes the sum of their sizes as put
 * @param storedBytes the sum of their blobs' sizes on disk after compression; a blob shared by
 *     several artifacts counts once per artifact here (deduplication across the store shows in
 *     {@link ArtifactIntegrityReport#blobBytes()})
 */
public record ArtifactUsage(long artifacts, long logicalBytes, long storedBytes) {
    /** No artifacts. */
    public static final ArtifactUsage NONE = new ArtifactUsage(0, 0, 0);

    /** This usage plus {@code other}. */
    public ArtifactUsage plus(ArtifactUsage other) {
        return new ArtifactUsage(artifacts + other.artifacts, logicalBytes + other.logicalBytes,
                storedBytes + other.storedBytes);
    }
}
