package io.opstate.archives;

import io.opstate.ConflictException;

/**
 * An import met a record the store already holds and its policy says to stop: always under
 * {@link ConflictPolicy#FAIL}, and under {@link ConflictPolicy#COPY_AS_NEW} for a record that a
 * copy under another key would make meaningless (a preference, a resource kind the store declares
 * narrower; see {@code docs/archive-format.md}). Nothing was written. Names the entity and the
 * record's key.
 */
public class ArchiveConflictException extends ConflictException {
    public ArchiveConflictException(String entity, String id) {
        super(entity, id, "the store already holds " + entity + " " + id
                + "; import with another conflict policy (skip, overwrite-if-newer, copy-as-new)");
    }

    /** A conflict the policy cannot resolve, e.g. a held preference under copy-as-new; the message names the policy. */
    public ArchiveConflictException(String entity, String id, String message) {
        super(entity, id, message);
    }
}
