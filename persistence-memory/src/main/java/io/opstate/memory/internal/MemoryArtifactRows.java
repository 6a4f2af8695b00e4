package io.opstate.memory.internal;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.core.StoreOrder;
import io.opstate.core.artifacts.ArtifactRows;
import io.opstate.core.artifacts.BlobKey;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Artifact rows on a {@link MemoryStore}. Usage is added up from the rows when asked: a memory
 * store is small, and keeping sums beside the rows would only be a second copy to keep right.
 * Thread-safe; each method is atomic.
 */
final class MemoryArtifactRows implements ArtifactRows {
    private final Session session;

    MemoryArtifactRows(Session session) {
        this.session = session;
    }

    @Override
    public boolean constructExists(String constructId) {
        return session.read(store -> store.constructs.find(constructId) != null);
    }

    @Override
    public Artifact insert(Artifact artifact) {
        return session.write(store -> insertAsItIs(store, new Artifact(artifact.id(), artifact.constructId(),
                artifact.type(), artifact.name(), artifact.contentType(), artifact.metadata(), artifact.sha256(),
                artifact.size(), artifact.storedSize(), artifact.compression(), session.now())));
    }

    @Override
    public List<Artifact> importAll(List<Artifact> artifacts) {
        return session.write(store -> artifacts.stream().map(artifact -> insertAsItIs(store, artifact)).toList());
    }

    private static Artifact insertAsItIs(MemoryStore store, Artifact artifact) {
        if (store.constructs.find(artifact.constructId()) == null) {
            throw new NotFoundException("construct", artifact.constructId());
        }
        if (byName(store, artifact.constructId(), artifact.type(), artifact.name()).isPresent()) {
            throw new DuplicateKeyException("artifact", artifact.constructId() + "/" + artifact.type() + "/"
                    + artifact.name());
        }
        return store.artifacts.insert(artifact);
    }

    @Override
    public Optional<Artifact> find(String id) {
        return session.read(store -> Optional.ofNullable(store.artifacts.find(id)));
    }

    @Override
    public Optional<Artifact> find(String constructId, String type, String name) {
        return session.read(store -> byName(store, constructId, type, name));
    }

    private static Optional<Artifact> byName(MemoryStore store, String constructId, String type, String name) {
        return store.artifacts.select(artifact -> artifact.constructId().equals(constructId)
                && artifact.type().equals(type) && artifact.name().equals(name)).stream().findFirst();
    }

    @Override
    public Page<Artifact> list(String constructId, String type, PageRequest page) {
        return session.read(store -> Pager.page(store.artifactsByCreation, artifact -> artifact.constructId()
                .equals(constructId) && (type == null || artifact.type().equals(type)), page));
    }

    @Override
    public boolean delete(String id) {
        return session.write(store -> store.artifacts.delete(id));
    }

    @Override
    public long deleteAllOf(String constructId) {
        return session.write(store -> (long) store.artifacts.deleteWhere(artifact -> artifact.constructId()
                .equals(constructId)));
    }

    @Override
    public Map<String, ArtifactUsage> usageByType(String constructId) {
        return session.read(store -> {
            Map<String, ArtifactUsage> byType = new TreeMap<>(StoreOrder::compareCodePoints);
            store.artifacts.select(artifact -> artifact.constructId().equals(constructId))
                    .forEach(artifact -> byType.merge(artifact.type(), usageOf(artifact), ArtifactUsage::plus));
            return Collections.unmodifiableMap(byType);
        });
    }

    @Override
    public ArtifactUsage totals() {
        return session.read(store -> store.artifacts.select(artifact -> true).stream()
                .map(MemoryArtifactRows::usageOf).reduce(ArtifactUsage.NONE, ArtifactUsage::plus));
    }

    private static ArtifactUsage usageOf(Artifact artifact) {
        return new ArtifactUsage(1, artifact.size(), artifact.storedSize());
    }

    @Override
    public boolean references(BlobKey blob) {
        return session.read(store -> !store.artifacts.select(artifact -> artifact.sha256().equals(blob.sha256())
                && artifact.compression() == blob.compression()).isEmpty());
    }

    @Override
    public List<Artifact> after(String afterId, int limit) {
        return session.read(store -> store.artifacts.select(artifact -> afterId == null
                        || StoreOrder.compareCodePoints(artifact.id(), afterId) > 0).stream()
                .sorted(Comparator.comparing(Artifact::id, StoreOrder::compareCodePoints))
                .limit(limit)
                .collect(Collectors.toList()));
    }

    @Override
    public List<Artifact> sample(int limit) {
        return session.read(store -> {
            List<Artifact> all = new java.util.ArrayList<>(store.artifacts.select(artifact -> true));
            Collections.shuffle(all, ThreadLocalRandom.current());
            return List.copyOf(all.subList(0, Math.min(limit, all.size())));
        });
    }
}
