package io.opstate.core.artifacts;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of artifacts, as a backend keeps them; {@link BlobArtifactRepository} puts blobs
 * beside them. Every method runs in the backend's transaction of the calling thread, if any, else
 * atomically on its own. Input is valid. Implementations keep the usage sums per construct and
 * type in the same transaction as the rows they count, and remove a construct's artifacts with
 * the construct. Thread-safe.
 */
public interface ArtifactRows {
    /** Whether the construct exists. */
    boolean constructExists(String constructId);

    /**
     * Inserts {@code artifact}, stamped now (its {@code createdAt} is ignored), and adds it to its
     * construct's and type's usage.
     *
     * @throws io.opstate.NotFoundException of the construct when it does not exist
     * @throws io.opstate.DuplicateKeyException when the id, or the construct's type and name, is taken
     */
    Artifact insert(Artifact artifact);

    /**
     * Inserts {@code artifacts} as they were ({@code createdAt} kept), each added to its
     * construct's and type's usage, in one write: all of them, or none when one is refused.
     *
     * @throws io.opstate.NotFoundException of a construct that does not exist
     * @throws io.opstate.DuplicateKeyException when an id, or a construct's type and name, is taken
     */
    List<Artifact> importAll(List<Artifact> artifacts);

    Optional<Artifact> find(String id);

    Optional<Artifact> find(String constructId, String type, String name);

    /** Ordered by createdAt then id, in the request's order; {@code type} null for every type. */
    Page<Artifact> list(String constructId, String type, PageRequest page);

    /** Deletes the row and takes it off the usage; returns whether it existed. */
    boolean delete(String id);

    /** Deletes the construct's rows and usage; returns how many rows. */
    long deleteAllOf(String constructId);

    /** The construct's maintained usage by type; types in code point order. */
    Map<String, ArtifactUsage> usageByType(String constructId);

    /** The sum of every maintained usage. */
    ArtifactUsage totals();

    /** Whether a row references the blob. Sees every committed row. */
    boolean references(BlobKey blob);

    /** Up to {@code limit} rows with ids after {@code afterId} (null: from the first), in id order. */
    List<Artifact> after(String afterId, int limit);

    /** Up to {@code limit} rows picked at random. */
    List<Artifact> sample(int limit);
}
