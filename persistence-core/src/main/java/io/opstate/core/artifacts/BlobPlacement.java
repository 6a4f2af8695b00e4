package io.opstate.core.artifacts;

import io.opstate.artifacts.ArtifactIntegrityException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where a store keeps its content-addressed blobs: files under a directory ({@link BlobStore})
 * or chunks in the database. {@link BlobArtifactRepository}, garbage collection and the
 * integrity check work through this alone. Implementations are thread-safe and safe for several
 * processes sharing the blobs.
 *
 * <p>What every placement promises garbage collection: a put that reuses a blob marks it as used
 * now ({@link BlobEntry#modified}) before it returns, and {@link #removeIfUnreferenced} removes a
 * blob only if, at the moment it becomes unreachable to puts, it is still older than the cutoff
 * and unreferenced; so a put whose row commits within the grace period never loses its blob.
 */
public interface BlobPlacement {
    /**
     * Stores {@code content} durably, read once and hashed on the way; compressed with zstd when
     * {@code compressible} and that is smaller; identical content already stored is reused.
     *
     * @param declaredSize the length the host declared, or null
     * @throws io.opstate.InvalidInputException naming {@code declaredSize} when the content's length differs
     * @throws io.opstate.artifacts.ArtifactContentException when reading {@code content} fails
     */
    StoredBlob write(InputStream content, boolean compressible, Long declaredSize);

    /**
     * The stored blob of the content with this SHA-256 and length, in either form, marked as used
     * now as a put that reuses it marks it; null when there is none (a damaged one does not count).
     */
    StoredBlob existing(String sha256, long size);

    /**
     * The decoded content of a blob, verified against the key's SHA-256 and {@code size} as it is read.
     *
     * @throws ArtifactIntegrityException when the blob is missing or its length is not {@code storedSize}
     */
    InputStream openVerified(String artifactId, BlobKey key, long size, long storedSize);

    /** {@code length} decoded bytes from {@code offset}; only the stored length is checked. */
    InputStream openRange(String artifactId, BlobKey key, long storedSize, long offset, long length);

    /** The blob of {@code key}, or null when there is none. */
    BlobEntry find(BlobKey key);

    /** Calls {@code each} with every stored blob; {@code each} may remove the blob it is given. */
    void forEachBlob(Consumer<BlobEntry> each);

    /** Reads the whole blob and says whether it decodes to content with its SHA-256. */
    boolean intact(BlobEntry blob);

    /**
     * Removes {@code blob} if it is older than {@code cutoff} and {@code referenced} says no row
     * points at it, both still true once no put can reuse it any more. Returns whether it was removed.
     */
    boolean removeIfUnreferenced(BlobEntry blob, Instant cutoff, Predicate<BlobKey> referenced);

    /** Removes what dead puts (and collectors) left that is older than {@code cutoff}; returns how many pieces. */
    long sweep(Instant cutoff, Predicate<BlobKey> referenced);
}
