package io.opstate.memory.internal;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.StaleVersionException;
import io.opstate.preferences.Preference;
import io.opstate.preferences.PreferenceRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link PreferenceRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryPreferenceRepository implements PreferenceRepository {
    private final Session session;

    MemoryPreferenceRepository(Session session) {
        this.session = session;
    }

    /** A preference's key in its table: the owner (null for no one) and the key. */
    record Key(String owner, String key) {
        static Key of(Preference preference) {
            return new Key(preference.owner(), preference.key());
        }
    }

    /** One sorted index of (created, key) per owner, so an owner's page never walks another's. */
    static final class ByOwner implements TableIndex<Preference> {
        private final Map<String, SortedIndex<String, Preference>> owners = new HashMap<>();

        @Override
        public void changed(Preference before, Preference after) {
            Preference any = before != null ? before : after;
            owners.computeIfAbsent(ownerKey(any.owner()), ignored -> new SortedIndex<>(KeyType.TEXT,
                    preference -> new Position<>(preference.createdAt(), preference.key()))).changed(before, after);
        }

        /** The owner's index; an empty one when the owner has none. */
        SortedIndex<String, Preference> of(String owner) {
            SortedIndex<String, Preference> index = owners.get(ownerKey(owner));
            return index != null ? index : new SortedIndex<>(KeyType.TEXT,
                    preference -> new Position<>(preference.createdAt(), preference.key()));
        }

        private static String ownerKey(String owner) {
            return owner == null ? "" : owner;
        }
    }

    @Override
    public Optional<Preference> find(String owner, String key) {
        return session.read(store -> Optional.ofNullable(store.preferences.find(new Key(owner, key))));
    }

    @Override
    public Preference get(String owner, String key) {
        return find(owner, key).orElseThrow(() -> new NotFoundException("preference", key));
    }

    @Override
    public Preference save(String owner, String key, String document) {
        return session.write(store -> {
            Preference current = store.preferences.find(new Key(owner, key));
            return current == null ? insert(store, owner, key, document) : replace(store, current, document);
        });
    }

    @Override
    public Preference save(String owner, String key, String document, long expectedVersion) {
        return session.write(store -> {
            Preference current = store.preferences.find(new Key(owner, key));
            if (expectedVersion == 0) {
                if (current != null) {
                    throw new StaleVersionException("preference", key, 0);
                }
                return insert(store, owner, key, document);
            }
            if (current == null) {
                throw new NotFoundException("preference", key);
            }
            if (current.version() != expectedVersion) {
                throw new StaleVersionException("preference", key, expectedVersion);
            }
            return replace(store, current, document);
        });
    }

    private Preference insert(MemoryStore store, String owner, String key, String document) {
        Instant now = session.now();
        return store.preferences.insert(new Preference(owner, key, document, 1, now, now));
    }

    private Preference replace(MemoryStore store, Preference current, String document) {
        return store.preferences.update(new Preference(current.owner(), current.key(), document,
                current.version() + 1, current.createdAt(), session.now()));
    }

    @Override
    public boolean delete(String owner, String key) {
        return session.write(store -> store.preferences.delete(new Key(owner, key)));
    }

    @Override
    public Page<Preference> list(String owner, PageRequest page) {
        return session.read(store -> Pager.page(store.preferencesByOwner.of(owner), preference -> true, page));
    }
}
