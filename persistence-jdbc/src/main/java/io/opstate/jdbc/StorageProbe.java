package io.opstate.jdbc;

import org.jdbi.v3.core.Handle;

/** What a SQL backend adds to a health report: where the store lives and how large it is. */
public interface StorageProbe {
    /** Where the store lives, for people: a file path, or a URL with the password masked. */
    String location();

    /**
     * Bytes the store occupies, or null when the backend cannot tell. May query through
     * {@code handle} (a reader connection); may throw, which reports the store unreachable.
     */
    Long storageBytes(Handle handle);

    /** Bytes of the store's own write-ahead log (SQLite's {@code -wal} file), or null where it has none. */
    default Long walBytes() {
        return null;
    }
}
