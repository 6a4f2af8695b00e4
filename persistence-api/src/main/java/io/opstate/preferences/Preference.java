package io.opstate.preferences;

import java.time.Instant;
import java.util.Objects;

/**
 * A JSON document stored under a key, for one owner or for no one in particular.
 *
 * @param owner whose it is (a user, a team, as the host names them); null: the host's own
 * @param key its name, unique per owner
 * @param document any JSON value; compared semantically ({@code jsonb} may reorder keys)
 * @param version 1 when created, one more on every change
 * @param createdAt when it was first saved
 * @param updatedAt when it last changed
 */
public record Preference(String owner, String key, String document, long version, Instant createdAt,
                         Instant updatedAt) {
    public Preference {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
