package io.opstate.artifacts;

import java.time.Instant;

/**
 * A stored artifact: a large file of a construct, kept as a content-addressed blob beside the
 * database and described by this row. Several artifacts with the same content share one blob.
 *
 * @param id the artifact's id
 * @param constructId the construct it belongs to; deleting the construct deletes it
 * @param type what kind of file it is, chosen by the host (e.g. {@code command-log})
 * @param name its name, unique among the construct's artifacts of that type
 * @param contentType the media type given when it was put, e.g. {@code text/plain}
 * @param metadata the host's JSON object, or null; compared semantically (PostgreSQL may reorder keys)
 * @param sha256 the SHA-256 of the content as put, 64 lower-case hex digits
 * @param size the content's length in bytes, as put (logical size)
 * @param storedSize the blob's length on disk, after compression
 * @param compression how the blob is stored
 * @param createdAt when it was put, truncated to microseconds
 */
public record Artifact(String id, String constructId, String type, String name, String contentType,
                       String metadata, String sha256, long size, long storedSize, ArtifactCompression compression,
                       Instant createdAt) {
}
