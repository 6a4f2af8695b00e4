package io.opstate;

/**
 * The write collided with the current state of the record: a duplicate key, a stale
 * version, or a lease that another worker now holds. The store is unchanged; re-read and
 * decide again.
 */
public class ConflictException extends PersistenceException {
    private final String entity;
    private final String id;

    public ConflictException(String entity, String id, String message) {
        super(message);
        this.entity = entity;
        this.id = id;
    }

    public ConflictException(String entity, String id, String message, Throwable cause) {
        super(message, cause);
        this.entity = entity;
        this.id = id;
    }

    /** The kind of record, e.g. {@code "job"}. */
    public String entity() {
        return entity;
    }

    /** The identifier of the record in conflict. */
    public String id() {
        return id;
    }
}
