package io.opstate.archives;

/**
 * What an import does with a record whose key (id, or name for pipelines, owner and key for
 * preferences, the three ends of a link) is already in the store.
 */
public enum ConflictPolicy {
    /** Refuse the import with {@link ArchiveConflictException}; nothing is written. */
    FAIL,
    /** Keep the store's record; the archive's is not written. */
    SKIP,
    /**
     * Replace the store's record with the archive's when the archive's is newer (a larger
     * version; for records without a version, a later update time); keep it otherwise. A record
     * others belong to (a schedule, a construct, a session) is replaced in place, keeping them.
     * What "newer" means for each entity is in {@code docs/archive-format.md}.
     */
    OVERWRITE_IF_NEWER,
    /**
     * Write the archive's record under a fresh id, and rewrite OpState's own references to it
     * (a session's construct, an execution's schedule, an artifact's construct, a link's ends).
     * Ids inside a host's JSON documents are the host's and stay as they are. Records whose key is
     * their content or their secret (links, checkpoints, entries, tokens) are skipped; a
     * preference the store holds, which a copy under another key would make meaningless, refuses
     * the import with {@link ArchiveConflictException}.
     */
    COPY_AS_NEW
}
