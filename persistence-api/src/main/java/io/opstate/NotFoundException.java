package io.opstate;

import io.opstate.internal.UserText;

/** A record that an operation requires does not exist. The store is unchanged. */
public class NotFoundException extends PersistenceException {
    private final String entity;
    private final String id;

    public NotFoundException(String entity, String id) {
        super(entity + " " + UserText.quoted(id) + " does not exist");
        this.entity = entity;
        this.id = id;
    }

    /** The kind of record, e.g. {@code "job"}. */
    public String entity() {
        return entity;
    }

    /** The identifier that was looked up. */
    public String id() {
        return id;
    }
}
