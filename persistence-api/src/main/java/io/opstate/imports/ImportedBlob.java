package io.opstate.imports;

import io.opstate.artifacts.ArtifactCompression;

/**
 * The content of artifacts as a store keeps it after {@link RecordImport#importBlob}: what the
 * artifact rows imported next must say about their blob.
 *
 * @param sha256 the content's SHA-256, 64 lower-case hex digits
 * @param size the content's length in bytes
 * @param compression how the store keeps it; the rows' {@code compression}
 * @param storedSize its length as kept; the rows' {@code storedSize}
 * @param reused whether the store held this content already, so that nothing was read
 */
public record ImportedBlob(String sha256, long size, ArtifactCompression compression, long storedSize,
                           boolean reused) {
}
