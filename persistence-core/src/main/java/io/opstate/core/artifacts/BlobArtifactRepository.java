package io.opstate.core.artifacts;

import io.opstate.DuplicateKeyException;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.imports.ImportedBlob;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ArtifactRepository} for every backend: blobs in a {@link BlobPlacement}, rows in the
 * backend's {@link ArtifactRows}. A put writes its blob, durably, before it writes its row, and
 * outside the row's write: a backend may run that write twice (group commit) without touching the
 * disk twice. Input is valid (the validating layer checked it). Thread-safe.
 */
public final class BlobArtifactRepository implements ArtifactRepository {
    private final ArtifactRows rows;
    private final Supplier<? extends BlobPlacement> blobs;

    /**
     * @param blobs the blob store, asked for on each use: it may refuse with an
     *     {@link InvalidInputException} naming the setting when the backend has no root configured
     */
    public BlobArtifactRepository(ArtifactRows rows, Supplier<? extends BlobPlacement> blobs) {
        this.rows = rows;
        this.blobs = blobs;
    }

    @Override
    public Artifact put(NewArtifact artifact, InputStream content) {
        // Cheap refusals first, so that a put bound to fail reads nothing; the row's insert
        // checks again, for puts racing this one.
        if (rows.find(artifact.id()).isPresent()) {
            throw new DuplicateKeyException("artifact", artifact.id());
        }
        if (rows.find(artifact.constructId(), artifact.type(), artifact.name()).isPresent()) {
            throw new DuplicateKeyException("artifact", artifact.constructId() + "/" + artifact.type() + "/"
                    + artifact.name());
        }
        if (!rows.constructExists(artifact.constructId())) {
            throw new NotFoundException("construct", artifact.constructId());
        }
        StoredBlob blob = blobs.get()
                .write(content, ArtifactChecks.isText(artifact.contentType()), artifact.declaredSize());
        return rows.insert(new Artifact(artifact.id(), artifact.constructId(), artifact.type(), artifact.name(),
                artifact.contentType(), artifact.metadata(), blob.key().sha256(), blob.size(), blob.storedSize(),
                blob.key().compression(), null));
    }

    /**
     * {@link io.opstate.imports.RecordImport#importBlob}, for every backend: the stored blob of
     * this content when there is one, else {@code content} written as a put writes it, checked
     * against {@code sha256} and {@code size} before it becomes visible. Input is valid.
     */
    public ImportedBlob importBlob(String sha256, long size, ArtifactCompression compression, InputStream content) {
        BlobPlacement placement = blobs.get();
        StoredBlob stored = placement.existing(sha256, size);
        if (stored == null) {
            InputStream checked = new VerifyingInputStream(content, sha256, size, (problem, cause) ->
                    new InvalidInputException("content", "does not match the sha256 and size given: " + problem,
                            cause));
            stored = placement.write(checked, compression == ArtifactCompression.ZSTD, null);
        }
        return new ImportedBlob(stored.key().sha256(), stored.size(), stored.key().compression(), stored.storedSize(),
                stored.reused());
    }

    /**
     * {@link io.opstate.imports.RecordImport#importArtifacts}, for every backend: refuses a row
     * whose blob the placement does not hold as the row says, then writes the batch as the rows
     * were, in one write of the backend's. Input is valid.
     */
    public List<Artifact> importArtifacts(List<Artifact> artifacts) {
        if (artifacts.isEmpty()) {
            return List.of();
        }
        BlobPlacement placement = blobs.get();
        for (int i = 0; i < artifacts.size(); i++) {
            Artifact artifact = artifacts.get(i);
            BlobEntry blob = placement.find(keyOf(artifact));
            if (blob == null) {
                throw new InvalidInputException("artifacts[" + i + "].sha256", "names a blob the store does not hold"
                        + " (" + artifact.sha256() + ", compression " + artifact.compression() + "): store the content"
                        + " first with importBlob and take its compression and storedSize");
            }
            if (blob.storedSize() != artifact.storedSize()) {
                throw new InvalidInputException("artifacts[" + i + "].storedSize", "must be the length of the stored"
                        + " blob, " + blob.storedSize() + ", got " + artifact.storedSize());
            }
        }
        return rows.importAll(artifacts);
    }

    @Override
    public Optional<Artifact> find(String id) {
        return rows.find(id);
    }

    @Override
    public Artifact get(String id) {
        return rows.find(id).orElseThrow(() -> new NotFoundException("artifact", id));
    }

    @Override
    public Optional<Artifact> find(String constructId, String type, String name) {
        return rows.find(constructId, type, name);
    }

    @Override
    public InputStream open(String id) {
        Artifact artifact = get(id);
        return blobs.get().openVerified(id, keyOf(artifact), artifact.size(), artifact.storedSize());
    }

    @Override
    public InputStream open(String id, long offset, long length) {
        Artifact artifact = get(id);
        if (offset > artifact.size()) {
            throw new InvalidInputException("offset", "is past the end: the artifact holds " + artifact.size()
                    + " bytes, got " + offset);
        }
        long available = Math.min(length, artifact.size() - offset);
        return blobs.get().openRange(id, keyOf(artifact), artifact.storedSize(), offset, available);
    }

    @Override
    public Page<Artifact> list(String constructId, String type, PageRequest page) {
        return rows.list(constructId, type, page);
    }

    @Override
    public boolean delete(String id) {
        return rows.delete(id);
    }

    @Override
    public long deleteAllOf(String constructId) {
        return rows.deleteAllOf(constructId);
    }

    @Override
    public ArtifactUsage usage(String constructId) {
        return rows.usageByType(constructId).values().stream().reduce(ArtifactUsage.NONE, ArtifactUsage::plus);
    }

    @Override
    public Map<String, ArtifactUsage> usageByType(String constructId) {
        return rows.usageByType(constructId);
    }

    @Override
    public ArtifactUsage totals() {
        return rows.totals();
    }

    @Override
    public long collectGarbage() {
        return collectGarbage(GC_GRACE);
    }

    @Override
    public long collectGarbage(Duration minimumAge) {
        BlobPlacement store = blobs.get();
        Instant cutoff = Instant.now().minus(minimumAge);
        store.sweep(cutoff, rows::references);
        long[] removed = {0};
        store.forEachBlob(blob -> removed[0] += store.removeIfUnreferenced(blob, cutoff, rows::references) ? 1 : 0);
        return removed[0];
    }

    @Override
    public ArtifactIntegrityReport checkIntegrity(ArtifactCheck check) {
        return new IntegrityCheck(rows, blobs.get(), check).run();
    }

    static BlobKey keyOf(Artifact artifact) {
        return new BlobKey(artifact.sha256(), artifact.compression());
    }
}
