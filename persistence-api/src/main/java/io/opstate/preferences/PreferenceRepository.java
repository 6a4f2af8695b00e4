package io.opstate.preferences;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.util.Optional;

/**
 * Preferences: JSON documents by owner and key. An owner is 1..200 characters without control
 * characters, or null for preferences that belong to no one; a key is 1..200 such characters; a
 * document is valid JSON within {@link io.opstate.PersistenceConfig#maxPayloadBytes()}. Bad input
 * is an {@link io.opstate.InvalidInputException} naming {@code owner}, {@code key},
 * {@code document} or {@code expectedVersion}, and nothing is written. Thread-safe.
 */
public interface PreferenceRepository {
    /** The preference, if there is one. */
    Optional<Preference> find(String owner, String key);

    /** Like {@link #find}; {@link io.opstate.NotFoundException} when there is none. */
    Preference get(String owner, String key);

    /**
     * Stores {@code document} under the key whatever is there: a new preference at version 1, or
     * the existing one replaced, version + 1, {@code updatedAt} now. Concurrent saves of one key
     * both succeed, one after the other.
     */
    Preference save(String owner, String key, String document);

    /**
     * Stores {@code document} only if the preference is at {@code expectedVersion}: 0 means it
     * must not exist yet (it is created at version 1); a positive version means it must exist at
     * that version (it is replaced, version + 1). Otherwise
     * {@link io.opstate.StaleVersionException} (it exists at another version) or
     * {@link io.opstate.NotFoundException} (a positive version of a preference that does not
     * exist), and nothing is written. A negative version is invalid input.
     */
    Preference save(String owner, String key, String document, long expectedVersion);

    /** Deletes the preference; whether there was one. */
    boolean delete(String owner, String key);

    /** The preferences of {@code owner} (null: those of no one), newest created first unless the page says otherwise. */
    Page<Preference> list(String owner, PageRequest page);
}
