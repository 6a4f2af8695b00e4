package io.opstate.core.archives;

import io.opstate.Datastore;
import io.opstate.SortOrder;
import io.opstate.archives.ExportSelection;
import io.opstate.artifacts.Artifact;
import io.opstate.core.Ids;
import io.opstate.internal.PageWalker;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Artifacts of the chosen constructs, their rows in {@code artifacts.jsonl} and their content in
 * {@code blobs/<sha256>}. An artifact never changes, so the same id (or the same construct, type
 * and name) is the same artifact: {@code OVERWRITE_IF_NEWER} keeps the store's, and
 * {@code COPY_AS_NEW} writes the archive's under a fresh id in the construct its import chose. A
 * row is written with the compression and stored size the target store gave its blob
 * ({@link KeyMap#storedBlob}), which may differ from the source's.
 */
final class ArtifactEntity extends ConstructEntities.ChosenEntity<Artifact> {
    static final String NAME = "artifacts";

    ArtifactEntity() {
        super(NAME, Artifact.class);
    }

    @Override
    void export(Datastore store, ExportSelection selection, Consumer<Artifact> sink) {
        ConstructEntities.eachConstruct(store, selection, construct -> OperationalEntities.drain(PageWalker.stream(
                page -> store.artifacts().list(construct.id(), null, page), SortOrder.OLDEST_FIRST), sink));
    }

    @Override
    boolean carriesContent() {
        return true;
    }

    @Override
    Artifact contentOf(Artifact record) {
        return record;
    }

    @Override
    String key(Artifact record) {
        return record.id();
    }

    /** By id, else by construct, type and name, which the store keeps unique too. */
    @Override
    Held<Artifact> held(Datastore store, List<Artifact> records) {
        return heldOneByOne(records, record -> existing(store, record), this::newer);
    }

    /** The store's record with the same key, if any. */
    private Optional<Artifact> existing(Datastore store, Artifact record) {
        Optional<Artifact> byId = store.artifacts().find(record.id());
        return byId.isPresent() ? byId : store.artifacts().find(record.constructId(), record.type(), record.name());
    }

    private boolean newer(Artifact archived, Artifact stored) {
        return false;
    }

    @Override
    Artifact copied(Artifact record, KeyMap keys) {
        return with(record, "id", Ids.newId());
    }

    @Override
    Artifact referencesRewritten(Artifact record, KeyMap keys) {
        Artifact moved = with(record, "constructId", keys.get(ConstructEntities.CONSTRUCTS, record.constructId()));
        return keys.storedBlob(record.sha256())
                .map(blob -> with(with(moved, "compression", blob.compression()), "storedSize", blob.storedSize()))
                .orElse(moved);
    }

    @Override
    void insert(Datastore store, List<Artifact> batch) {
        store.records().importArtifacts(batch);
    }

    @Override
    void overwrite(Datastore store, List<Artifact> batch) {
        throw new IllegalStateException("artifacts are never newer");
    }
}
