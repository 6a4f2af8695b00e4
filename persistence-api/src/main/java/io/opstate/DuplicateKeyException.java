package io.opstate;

import io.opstate.internal.UserText;

/** A record with the same key already exists. The store is unchanged. */
public class DuplicateKeyException extends ConflictException {
    public DuplicateKeyException(String entity, String id) {
        super(entity, id, entity + " " + UserText.quoted(id) + " already exists");
    }

    public DuplicateKeyException(String entity, String id, Throwable cause) {
        super(entity, id, entity + " " + UserText.quoted(id) + " already exists", cause);
    }

    /** For subclasses that say which key collided in a message of their own. */
    protected DuplicateKeyException(String entity, String id, String message, Throwable cause) {
        super(entity, id, message, cause);
    }
}
