package io.opstate.core.archives;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Settings;
import io.opstate.SortOrder;
import io.opstate.archives.ArchiveConflictException;
import io.opstate.archives.ImportAction;
import io.opstate.core.Ids;
import io.opstate.core.StoreOrder;
import io.opstate.internal.PageWalker;
import io.opstate.preferences.Preference;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.tokens.HashedToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The entities of the small records around the operational ones: resource kinds, resources,
 * preferences and API tokens, written through {@link io.opstate.imports.RecordImport}, which keeps
 * them as they were. None of them refers to a construct, so they travel only in an export of the
 * whole store. Preferences of owners and token hashes are read through {@link ArchiveSource}.
 */
final class SmallRecordEntities {
    private SmallRecordEntities() {
    }

    static ArchiveSource source(Datastore store, String what) {
        return store.unwrap(ArchiveSource.class).orElseThrow(() -> new UnsupportedOperationException("the "
                + store.backendName() + " backend does not offer " + what + " for export (no ArchiveSource)"));
    }

    /** A larger version, or the same version changed later (two stores that each changed it once). */
    static boolean newerVersion(long archivedVersion, Instant archivedUpdate, long storedVersion, Instant storedUpdate) {
        return archivedVersion > storedVersion || archivedVersion == storedVersion && archivedUpdate != null
                && storedUpdate != null && archivedUpdate.isAfter(storedUpdate);
    }

    /**
     * Whether {@code wide} admits every resource {@code narrow} does: all its statuses, and for every
     * label {@code wide} restricts, {@code narrow} restricts it to values {@code wide} allows.
     */
    static boolean admits(ResourceKind wide, ResourceKind narrow) {
        if (!Objects.requireNonNullElse(wide.statuses(), Set.of())
                .containsAll(Objects.requireNonNullElse(narrow.statuses(), Set.of()))) {
            return false;
        }
        Map<String, Set<String>> narrowLabels = Objects.requireNonNullElse(narrow.labelValues(), Map.of());
        for (Map.Entry<String, Set<String>> label : Objects.requireNonNullElse(wide.labelValues(),
                Map.<String, Set<String>>of()).entrySet()) {
            Set<String> allowed = narrowLabels.get(label.getKey());
            if (allowed == null || label.getValue() == null || !label.getValue().containsAll(allowed)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Kinds have neither version nor time; since declaring only widens a kind, the archive's is
     * newer when it admits every resource the store's does and is not the same. A kind is a name
     * the host's code declares, so it is never copied under another name: {@code COPY_AS_NEW}
     * keeps the store's kind when it admits the archive's (the copied resources join it) and
     * refuses the import otherwise.
     */
    static final class ResourceKinds extends OperationalEntities.WholeStoreEntity<ResourceKind> {
        ResourceKinds() {
            super("resource_kinds", ResourceKind.class);
        }

        @Override
        void export(Datastore store, io.opstate.archives.ExportSelection selection, Consumer<ResourceKind> sink) {
            store.resources().kinds().forEach(sink);
        }

        @Override
        String key(ResourceKind record) {
            return record.name();
        }

        /** A name no kind can have is held by none; the import then refuses the record, naming its line. */
        @Override
        Held<ResourceKind> held(Datastore store, List<ResourceKind> records) {
            return heldOneByOne(records, record -> existing(store, record), this::newer);
        }

        /** The store's record with the same key, if any. */
        private Optional<ResourceKind> existing(Datastore store, ResourceKind record) {
            try {
                return store.resources().kind(record.name());
            } catch (InvalidInputException e) {
                return Optional.empty();
            }
        }

        private boolean newer(ResourceKind archived, ResourceKind stored) {
            return !archived.equals(stored) && admits(archived, stored);
        }

        @Override
        boolean copyable() {
            return false;
        }

        @Override
        ImportAction uncopied(ResourceKind record, ResourceKind stored) {
            if (admits(stored, record)) {
                return ImportAction.SKIP;
            }
            throw new ArchiveConflictException(name(), record.name(), "copy-as-new cannot copy resource kind "
                    + record.name() + ": a kind is the name the host declares, so it is never copied under another,"
                    + " and the store's kind does not admit every status and label value of the archive's; declare"
                    + " the archive's kind in the store first (declareKind widens it), or import with overwrite-if-newer");
        }

        @Override
        ResourceKind copied(ResourceKind record, KeyMap keys) {
            throw new IllegalStateException("resource kinds are not copied");
        }

        @Override
        void insert(Datastore store, List<ResourceKind> batch) {
            store.records().importResourceKinds(batch);
        }

        /** The archive's kind admits every stored resource, so replacing the stored kind with it cannot be refused. */
        @Override
        void overwrite(Datastore store, List<ResourceKind> batch) {
            batch.forEach(kind -> store.resources().narrowKind(kind));
        }
    }

    /**
     * Resources are keyed by id and, within their kind, by owner and name: a stored resource of
     * either key is the archive's. Only one with the same id can be newer. A copy is a second
     * resource of the kind, so it takes a fresh id and a name with a copy suffix.
     */
    static final class Resources extends OperationalEntities.WholeStoreEntity<Resource> {
        Resources() {
            super("resources", Resource.class);
        }

        @Override
        void export(Datastore store, io.opstate.archives.ExportSelection selection, Consumer<Resource> sink) {
            for (ResourceKind kind : store.resources().kinds()) {
                OperationalEntities.drain(store.resources().stream(ResourceQuery.of(kind.name()),
                        SortOrder.OLDEST_FIRST), sink);
            }
        }

        @Override
        String key(Resource record) {
            return record.id();
        }

        /** A key no resource can have is held by none; the import then refuses the record, naming its line. */
        @Override
        Held<Resource> held(Datastore store, List<Resource> records) {
            return heldOneByOne(records, record -> existing(store, record), this::newer);
        }

        /** The store's record with the same key, if any. */
        private Optional<Resource> existing(Datastore store, Resource record) {
            Optional<Resource> byId = store.resources().find(record.id());
            if (byId.isPresent()) {
                return byId;
            }
            try {
                return store.resources().findByName(record.kind(), record.owner(), record.name());
            } catch (InvalidInputException e) {
                return Optional.empty();
            }
        }

        private boolean newer(Resource archived, Resource stored) {
            return archived.id().equals(stored.id())
                    && newerVersion(archived.version(), archived.updatedAt(), stored.version(), stored.updatedAt());
        }

        @Override
        Resource copied(Resource record, KeyMap keys) {
            String fresh = Ids.newId();
            keys.put(name(), record.id(), fresh);
            return with(with(record, "id", fresh), "name", OperationalEntities.copyName(record.name()));
        }

        @Override
        void insert(Datastore store, List<Resource> batch) {
            store.records().importResources(batch);
        }

        @Override
        void overwrite(Datastore store, List<Resource> batch) {
            store.records().replaceResources(batch);
        }
    }

    /**
     * Preferences are keyed by owner and key, which the host's code asks for: a copy under another
     * key would be one nobody reads, so {@code COPY_AS_NEW} refuses a preference the store holds.
     * They have no children, so a newer one replaces the stored one by delete and import.
     */
    static final class Preferences extends OperationalEntities.WholeStoreEntity<Preference> {
        Preferences() {
            super("preferences", Preference.class);
        }

        /** Owner by owner, no one's first, then in code-point order; each owner's oldest first. */
        @Override
        void export(Datastore store, io.opstate.archives.ExportSelection selection, Consumer<Preference> sink) {
            List<String> owners = new ArrayList<>(source(store, "the owners of its preferences").preferenceOwners());
            owners.sort(Comparator.nullsFirst(StoreOrder::compareCodePoints));
            for (String owner : owners) {
                OperationalEntities.drain(PageWalker.stream(page -> store.preferences().list(owner, page),
                        SortOrder.OLDEST_FIRST), sink);
            }
        }

        @Override
        String key(Preference record) {
            return record.owner() == null ? record.key() : record.owner() + "/" + record.key();
        }

        @Override
        Held<Preference> held(Datastore store, List<Preference> records) {
            return heldOneByOne(records, record -> existing(store, record), this::newer);
        }

        /** The store's record with the same key, if any. */
        private Optional<Preference> existing(Datastore store, Preference record) {
            return store.preferences().find(record.owner(), record.key());
        }

        private boolean newer(Preference archived, Preference stored) {
            return newerVersion(archived.version(), archived.updatedAt(), stored.version(), stored.updatedAt());
        }

        @Override
        boolean copyable() {
            return false;
        }

        @Override
        ImportAction uncopied(Preference record, Preference stored) {
            throw new ArchiveConflictException(name(), key(record), "copy-as-new cannot copy preference "
                    + key(record) + ": a preference is found by its owner and key, so a copy under another key would"
                    + " be one the host never reads; import with skip or overwrite-if-newer");
        }

        @Override
        Preference copied(Preference record, KeyMap keys) {
            throw new IllegalStateException("preferences are not copied");
        }

        @Override
        void insert(Datastore store, List<Preference> batch) {
            store.records().importPreferences(batch);
        }

        @Override
        void overwrite(Datastore store, List<Preference> batch) {
            batch.forEach(preference -> store.preferences().delete(preference.owner(), preference.key()));
            insert(store, batch);
        }
    }

    /**
     * Tokens travel with the hashes of their secrets, never a secret. A token's id is part of its
     * secret, so a copy under a fresh id would never verify: {@code COPY_AS_NEW} skips a token the
     * store holds, as it skips links. Tokens have no version; the archive's is newer when it is
     * revoked and the store's is not, or (both alike) was used later. A revocation is never undone.
     */
    static final class Tokens extends OperationalEntities.WholeStoreEntity<HashedToken> {
        Tokens() {
            super("tokens", HashedToken.class);
        }

        @Override
        void export(Datastore store, io.opstate.archives.ExportSelection selection, Consumer<HashedToken> sink) {
            ArchiveSource source = source(store, "the hashes of its tokens");
            OperationalEntities.drain(PageWalker.stream(page -> store.tokens().list(page), SortOrder.OLDEST_FIRST),
                    token -> source.tokenHash(token.id()).ifPresent(hash -> sink.accept(HashedToken.of(token, hash))));
        }

        @Override
        String key(HashedToken record) {
            return record.id();
        }

        /** The stored token without its hash, which deciding never needs. */
        @Override
        Held<HashedToken> held(Datastore store, List<HashedToken> records) {
            return heldOneByOne(records, record -> existing(store, record), this::newer);
        }

        /** The store's record with the same key, if any. */
        private Optional<HashedToken> existing(Datastore store, HashedToken record) {
            return store.tokens().find(record.id()).map(token -> HashedToken.of(token, null));
        }

        private boolean newer(HashedToken archived, HashedToken stored) {
            if (stored.revokedAt() != null) {
                return false;
            }
            if (archived.revokedAt() != null) {
                return true;
            }
            return archived.lastUsedAt() != null
                    && (stored.lastUsedAt() == null || archived.lastUsedAt().isAfter(stored.lastUsedAt()));
        }

        @Override
        boolean copyable() {
            return false;
        }

        @Override
        HashedToken copied(HashedToken record, KeyMap keys) {
            throw new IllegalStateException("tokens are not copied");
        }

        /**
         * A hash verifies only under the pepper it was made with: the archive's pepper fingerprint
         * must be the store's, else the tokens are refused before anything is written.
         */
        @Override
        void checkTarget(Datastore store, Manifest manifest, Manifest.Entry entry) {
            if (entry.rows() == 0) {
                return;
            }
            String target = store.unwrap(ArchiveSource.class).flatMap(ArchiveSource::pepperFingerprint).orElse(null);
            if (!Objects.equals(target, manifest.tokenPepperFingerprint())) {
                throw new InvalidInputException(Settings.TOKEN_PEPPER.property(), "differs from the pepper the"
                        + " archive's " + entry.rows() + " tokens were hashed with (the archive's pepper fingerprint is "
                        + describe(manifest.tokenPepperFingerprint()) + ", this store's " + describe(target)
                        + "): they would never verify here; open the store with the source's pepper to import them");
            }
        }

        private static String describe(String fingerprint) {
            return fingerprint == null ? "none, no pepper" : fingerprint.substring(0, 12) + "…";
        }

        @Override
        void insert(Datastore store, List<HashedToken> batch) {
            store.records().importTokens(batch);
        }

        @Override
        void overwrite(Datastore store, List<HashedToken> batch) {
            store.records().replaceTokens(batch);
        }
    }
}
