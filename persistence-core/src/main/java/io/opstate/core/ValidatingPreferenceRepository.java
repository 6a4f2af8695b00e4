package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.preferences.Preference;
import io.opstate.preferences.PreferenceRepository;
import java.util.Optional;

/**
 * Checks the arguments of every {@link PreferenceRepository} call, then delegates. Reads by an
 * owner or key no preference can have answer themselves: empty, or not found.
 */
final class ValidatingPreferenceRepository implements PreferenceRepository {
    private final PreferenceRepository backend;
    private final int maxPayloadBytes;

    ValidatingPreferenceRepository(PreferenceRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Optional<Preference> find(String owner, String key) {
        if (!couldBeOwner(owner)) {
            Checks.required("key", key);
            return Optional.empty();
        }
        return KeyReads.find("key", key, k -> backend.find(owner, k));
    }

    @Override
    public Preference get(String owner, String key) {
        if (!couldBeOwner(owner)) {
            Checks.required("key", key);
            throw new NotFoundException("preference", key);
        }
        return KeyReads.get("key", "preference", key, k -> backend.get(owner, k));
    }

    @Override
    public Preference save(String owner, String key, String document) {
        checkWrite(owner, key, document);
        return backend.save(owner, key, document);
    }

    @Override
    public Preference save(String owner, String key, String document, long expectedVersion) {
        checkWrite(owner, key, document);
        if (expectedVersion < 0) {
            throw new InvalidInputException("expectedVersion", "must be 0 (absent) or a version, got " + expectedVersion);
        }
        return backend.save(owner, key, document, expectedVersion);
    }

    @Override
    public boolean delete(String owner, String key) {
        TextChecks.optionalName("owner", owner);
        return backend.delete(owner, TextChecks.name("key", key));
    }

    @Override
    public Page<Preference> list(String owner, PageRequest page) {
        TextChecks.optionalName("owner", owner);
        return backend.list(owner, Checks.page(page, false));
    }

    private void checkWrite(String owner, String key, String document) {
        TextChecks.optionalName("owner", owner);
        TextChecks.name("key", key);
        JsonChecks.required("document", document, maxPayloadBytes);
    }

    private static boolean couldBeOwner(String owner) {
        return owner == null || TextChecks.isName(owner);
    }
}
