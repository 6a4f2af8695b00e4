package io.opstate.core.artifacts;

/**
 * A blob as a put left it: durable under the root, named by {@code key}.
 *
 * @param key its content's SHA-256 and stored form
 * @param size the content's length as put
 * @param storedSize the file's length
 * @param reused whether the blob was already there (identical content put before)
 */
public record StoredBlob(BlobKey key, long size, long storedSize, boolean reused) {
}
