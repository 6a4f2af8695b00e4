package io.opstate.artifacts;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Large files of constructs (command logs, diff bundles, exported transcripts), kept as blobs
 * under an artifact root beside the database and described by rows in it.
 *
 * <p>Blobs are content-addressed: named by the SHA-256 of the content, laid out by hash, stored
 * once however many artifacts have that content. Names, types and ids never become paths, and
 * a symbolic link inside the root is never followed out of it. A blob is durable (written to a
 * temporary file, flushed, renamed into place, its directory flushed) before its row commits, so
 * a crash never leaves a row without its blob; a blob left without a row is removed by
 * {@link #collectGarbage}.
 *
 * <p>A PostgreSQL store may keep the blobs in the database instead
 * ({@link ArtifactStorage#DATABASE}): in chunks streamed as they fill, the blob complete before
 * its row commits; everything here behaves the same, "file" meaning the blob's rows.
 *
 * <p>Inside {@link io.opstate.Datastore#inTransaction} a put writes its blob at once and its row
 * with the transaction; the transaction should end within {@link #GC_GRACE}, after which an
 * unreferenced blob may be collected. The transaction stays open while the content streams (on
 * SQLite holding the store's one write lock), so put large content outside transactions.
 *
 * <p>Thread-safe, and safe for several processes sharing one root.
 */
public interface ArtifactRepository {
    /** Longest artifact name, in characters. */
    int MAX_NAME_LENGTH = 255;
    /** Longest content type, in characters. */
    int MAX_CONTENT_TYPE_LENGTH = 255;
    /** How old an unreferenced blob must be before garbage collection removes it. */
    Duration GC_GRACE = Duration.ofHours(1);

    /**
     * Reads {@code content} to its end, once, in bounded memory, storing it as a blob (or reusing
     * the blob of identical content), then commits the artifact's row. The stream is not closed.
     *
     * @throws io.opstate.InvalidInputException naming the field for bad input (nothing is read
     *     then), or {@code declaredSize} when the stream's length differs from it (nothing stored)
     * @throws io.opstate.NotFoundException if the construct does not exist
     * @throws io.opstate.DuplicateKeyException if the id is taken, or the construct already has
     *     an artifact of this type and name (delete it first to replace it)
     * @throws ArtifactContentException if reading {@code content} failed (nothing stored)
     * @throws io.opstate.StorageUnavailableException if the artifact root (or the database) cannot be written
     */
    Artifact put(NewArtifact artifact, InputStream content);

    /** The artifact, or empty. */
    Optional<Artifact> find(String id);

    /**
     * The artifact.
     *
     * @throws io.opstate.NotFoundException if there is none with this id
     */
    Artifact get(String id);

    /** The construct's artifact of this type and name, or empty. */
    Optional<Artifact> find(String constructId, String type, String name);

    /**
     * The artifact's content, decompressed, its SHA-256 and length verified as it is read: a
     * mismatch raises {@link ArtifactIntegrityException} from {@code read} before end of stream
     * is reported. The caller closes the stream.
     *
     * @throws io.opstate.NotFoundException if there is no such artifact
     * @throws ArtifactIntegrityException if its blob is missing
     */
    InputStream open(String id);

    /**
     * At most {@code length} bytes of the content from {@code offset} (fewer at the end), for
     * serving part of a log. The blob's stored size is checked, but the SHA-256 is not (that needs
     * the whole content; use {@link #open(String)} or {@link #checkIntegrity}). A compressed blob
     * is decompressed from its start up to {@code offset}, so late ranges of large text artifacts
     * cost a read of everything before them. The caller closes the stream.
     *
     * @throws io.opstate.InvalidInputException naming {@code offset} (negative or past the end)
     *     or {@code length} (negative)
     * @throws io.opstate.NotFoundException if there is no such artifact
     * @throws ArtifactIntegrityException if its blob is missing or has the wrong size
     */
    InputStream open(String id, long offset, long length);

    /**
     * One page of the construct's artifacts, of {@code type} only unless it is null, ordered by
     * {@code createdAt} then id (newest first unless the request says otherwise).
     */
    Page<Artifact> list(String constructId, String type, PageRequest page);

    /** Deletes the artifact's row; its blob goes with the next garbage collection unless shared. Returns whether it existed. */
    boolean delete(String id);

    /** Deletes every artifact of the construct, in one transaction; returns how many. Deleting the construct does this too. */
    long deleteAllOf(String constructId);

    /** The construct's artifacts, all types together; read from maintained sums, not by scanning rows. */
    ArtifactUsage usage(String constructId);

    /** The construct's artifacts by type, types in code point order; only types it has. From maintained sums. */
    Map<String, ArtifactUsage> usageByType(String constructId);

    /** Every artifact of the store. Adds up the maintained sums of each construct and type, not the rows. */
    ArtifactUsage totals();

    /** {@link #collectGarbage(Duration)} with {@link #GC_GRACE}. */
    long collectGarbage();

    /**
     * Removes blobs that no artifact references and that are older than {@code minimumAge}, and
     * temporary files of puts that died that long ago. Never removes a blob that a put running
     * meanwhile has just referenced. Returns how many blobs it removed.
     *
     * @throws io.opstate.InvalidInputException naming {@code minimumAge} unless it is 1 minute..365 days
     */
    long collectGarbage(Duration minimumAge);

    /**
     * Looks for rows whose blob is missing, blobs no row references and blobs whose content no
     * longer matches their hash, as {@code check} says, and removes orphan blobs if asked.
     * Reports what it found and what it could not repair; never changes a row.
     */
    ArtifactIntegrityReport checkIntegrity(ArtifactCheck check);
}
