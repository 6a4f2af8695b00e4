package io.opstate.archives;

import io.opstate.ConflictException;

/**
 * An import met a record the store already holds and its policy says to stop: always under
 * {@link ConflictPolicy#FAIL}, and under {@link ConflictPolicy#OVERWRITE_IF_NEWER} for a newer
 * record of a kind that cannot be replaced as it was (see {@code docs/archive-format.md}). Nothing
 * was written. Names the entity and the record's key.
 */
public class ArchiveConflictException extends ConflictException {
    public ArchiveConflictException(String entity, String id) {
        super(entity, id, "the store already holds " + entity + " " + id
                + "; import with another conflict policy (skip, overwrite-if-newer, copy-as-new)");
    }

    /** A conflict the policy cannot resolve, e.g. a newer record of a kind the store cannot replace. */
    public ArchiveConflictException(String entity, String id, String message) {
        super(entity, id, message);
    }
}
