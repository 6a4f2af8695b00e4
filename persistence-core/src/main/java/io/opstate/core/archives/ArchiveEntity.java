package io.opstate.core.archives;

import io.opstate.Datastore;
import io.opstate.archives.ExportSelection;
import io.opstate.artifacts.Artifact;
import io.opstate.archives.ImportAction;
import io.opstate.imports.RecordImport;
import io.opstate.imports.RecordKind;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of record in an archive: its entry ({@code <name>.jsonl}), how an export reads it
 * from a store, and how an import finds, compares, copies and writes it. Subclasses are small
 * and stateless; {@link ArchiveEntities} lists them in the order an import writes them (a
 * record's references before the record).
 */
abstract class ArchiveEntity<T extends Record> {
    private final String name;
    private final RecordCodec<T> codec;

    ArchiveEntity(String name, Class<T> type) {
        this.name = name;
        this.codec = new RecordCodec<>(type);
    }

    /** The archive's name of the entity: its entry is {@code name + ".jsonl"}. */
    final String name() {
        return name;
    }

    final String entryName() {
        return name + ".jsonl";
    }

    final RecordCodec<T> codec() {
        return codec;
    }

    /** {@code record} with one component changed. */
    final T with(T record, String component, Object value) {
        return codec.with(record, component, value);
    }

    /** Whether this entity travels in an export of {@code selection}. */
    abstract boolean chosenBy(ExportSelection selection);

    /** Hands every record {@code selection} chooses to {@code sink}, a page at a time. */
    abstract void export(Datastore store, ExportSelection selection, Consumer<T> sink);

    /**
     * The artifact whose content the record carries, as a blob of the archive, or null: only
     * artifacts have content.
     */
    Artifact contentOf(T record) {
        return null;
    }

    /** Whether the entity's records carry content (blobs), asked before any record is read. */
    boolean carriesContent() {
        return false;
    }

    /** The bytes of content the record carries, as put; 0 for a record without content. */
    final long contentBytes(T record) {
        Artifact content = contentOf(record);
        return content == null ? 0 : content.size();
    }

    /** The record's key in the store, as a report shows it. */
    abstract String key(T record);

    /**
     * What the store holds under the keys ({@link #key}) of {@code records}: at most one batch,
     * looked up together.
     */
    abstract Held<T> held(Datastore store, List<T> records);

    /** What the store holds of one batch's keys, and how the archive's records compare with it. */
    interface Held<T> {
        /** Whether the store holds a record under the key of {@code record}. */
        boolean holds(T record);

        /** Whether {@code archived}, whose key the store holds, is newer than the store's record. */
        boolean newer(T archived);

        /**
         * What {@code COPY_AS_NEW} does with {@code archived}, whose key the store holds, when the
         * entity cannot copy ({@link ArchiveEntity#copyable()} false): skip it (a record whose key
         * is its content), or refuse the import with
         * {@link io.opstate.archives.ArchiveConflictException} naming the policy and the entity.
         */
        ImportAction uncopied(T archived);

        /** A batch of which the store holds nothing. */
        static <T> Held<T> none() {
            return byVersion(Map.of(), record -> "", (archived, version) -> false);
        }

        /** Held by key at a version: newer as {@code newer} says; an uncopyable record is skipped. */
        static <T> Held<T> byVersion(Map<String, Long> versions, Function<T, String> key,
                                     BiPredicate<T, Long> newer) {
            return new Held<>() {
                @Override
                public boolean holds(T record) {
                    return versions.containsKey(key.apply(record));
                }

                @Override
                public boolean newer(T archived) {
                    return newer.test(archived, versions.get(key.apply(archived)));
                }

                @Override
                public ImportAction uncopied(T archived) {
                    return ImportAction.SKIP;
                }
            };
        }
    }

    /**
     * {@link #held} of an entity the store answers by key with versions in one read
     * ({@link RecordImport#storedVersions}).
     */
    final Held<T> heldByVersion(Datastore store, RecordKind kind, List<T> records, BiPredicate<T, Long> newer) {
        Set<String> keys = new LinkedHashSet<>();
        records.forEach(record -> keys.add(key(record)));
        return Held.byVersion(store.records().storedVersions(kind, keys), this::key, newer);
    }

    /**
     * {@link #held} of an entity whose records never change, found one record at a time: held
     * when {@code stored} says so, never newer.
     */
    final Held<T> heldUnchanging(List<T> records, Predicate<T> stored) {
        Map<String, Long> found = new HashMap<>();
        for (T record : records) {
            if (stored.test(record)) {
                found.put(key(record), 1L);
            }
        }
        return Held.byVersion(found, this::key, (archived, version) -> false);
    }

    /**
     * {@link #held} of an entity the store finds one whole record at a time (few records, or
     * ones compared by more than a version): {@code existing} reads the store's record,
     * {@code newer} compares the archive's with it, {@link #uncopied} decides a copy.
     */
    final Held<T> heldOneByOne(List<T> records, Function<T, Optional<T>> existing, BiPredicate<T, T> newer) {
        Map<String, T> found = new HashMap<>();
        for (T record : records) {
            existing.apply(record).ifPresent(stored -> found.put(key(record), stored));
        }
        return new Held<>() {
            @Override
            public boolean holds(T record) {
                return found.containsKey(key(record));
            }

            @Override
            public boolean newer(T archived) {
                return newer.test(archived, found.get(key(archived)));
            }

            @Override
            public ImportAction uncopied(T archived) {
                return ArchiveEntity.this.uncopied(archived, found.get(key(archived)));
            }
        };
    }

    /** {@code record} under a fresh key, noted in {@code keys} so references to it follow. */
    abstract T copied(T record, KeyMap keys);

    /** {@code record} with its references to records copied earlier in this import rewritten. */
    T referencesRewritten(T record, KeyMap keys) {
        return record;
    }

    /**
     * The action the import of the record's parent decides for it, if it does: a checkpoint or
     * transcript entry of a session the import skipped is skipped with it (it belongs to the
     * store's session), one of a session the import writes is new. Empty when the record has no
     * parent in the archive; then its own key decides.
     */
    Optional<io.opstate.archives.ImportAction> byParent(T record, KeyMap keys) {
        return Optional.empty();
    }

    /** Whether the import remembers what it decided for each record, for the records' children. */
    boolean parentOfOthers() {
        return false;
    }

    /**
     * Whether a record can be written under a fresh key; one that cannot (a link, whose key is its
     * ends) is skipped by {@code COPY_AS_NEW} when the store holds it.
     */
    boolean copyable() {
        return true;
    }

    /**
     * What {@code COPY_AS_NEW} does with a record the store holds that cannot be copied
     * ({@link #copyable()} false): skip it (the default, for records whose key is their content),
     * or refuse the import with {@link io.opstate.archives.ArchiveConflictException} naming the
     * policy and the entity, for records a copy under another key would make meaningless.
     */
    io.opstate.archives.ImportAction uncopied(T record, T stored) {
        return io.opstate.archives.ImportAction.SKIP;
    }

    /**
     * Checks, before anything is written (and in a dry run), that {@code store} can take the
     * entity's {@code entry} of the archive {@code manifest} describes; throws when it cannot.
     */
    void checkTarget(Datastore store, Manifest manifest, Manifest.Entry entry) {
    }

    /** Writes {@code batch}, as the records were, into a store that holds none of their keys. */
    abstract void insert(Datastore store, List<T> batch);

    /** Writes {@code batch} over the store's records with the same keys. */
    abstract void overwrite(Datastore store, List<T> batch);
}
