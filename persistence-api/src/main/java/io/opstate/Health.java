package io.opstate;

/**
 * What {@link Maintenance#health()} found.
 *
 * @param backend the backend's name, e.g. {@code sqlite}
 * @param reachable whether a trivial query succeeded just now
 * @param schemaVersion the applied schema version, or null for a backend without a schema or when unreachable
 * @param storageBytes bytes the store occupies (SQLite: database file plus write-ahead log; PostgreSQL: the
 *     store's tables and indexes), or null when unknown
 * @param detail a human-readable line: the location (password masked) or the reason it is unreachable
 */
public record Health(String backend, boolean reachable, String schemaVersion, Long storageBytes, String detail) {
}
