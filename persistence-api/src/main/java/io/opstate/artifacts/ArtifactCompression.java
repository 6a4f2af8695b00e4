package io.opstate.artifacts;

/** How an artifact's blob is stored. */
public enum ArtifactCompression {
    /** The content as put. */
    NONE,
    /**
     * One zstd frame with a content checksum. Chosen for text content types when it makes the
     * blob smaller; a range read of such a blob decompresses from the start.
     */
    ZSTD
}
