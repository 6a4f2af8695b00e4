package io.opstate;

import io.opstate.internal.UserText;

/**
 * The requested state change is not allowed from the record's current state, e.g. completing
 * a job that was never claimed or retrying a job with no attempts left. The store is unchanged.
 */
public class IllegalTransitionException extends PersistenceException {
    private final String entity;
    private final String id;
    private final String from;
    private final String to;

    public IllegalTransitionException(String entity, String id, String from, String to, String reason) {
        super(entity + " " + UserText.quoted(id) + " cannot go from " + from + " to " + to
                + (reason == null || reason.isEmpty() ? "" : ": " + reason));
        this.entity = entity;
        this.id = id;
        this.from = from;
        this.to = to;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    /** The current state. */
    public String from() {
        return from;
    }

    /** The state that was requested. */
    public String to() {
        return to;
    }
}
