package io.opstate.jdbc.internal;

/**
 * What a statement was about, so that a database error can name the record: the row it writes
 * (for duplicate keys) and the row it references (for foreign key violations). Any part may be null.
 *
 * @param entity kind of record written, e.g. {@code "job"}
 * @param id its key
 * @param referencedEntity kind of record referenced by a foreign key, e.g. {@code "schedule"}
 * @param referencedId the key referenced
 */
public record ErrorContext(String entity, String id, String referencedEntity, String referencedId) {
    /** Nothing in particular. */
    public static final ErrorContext NONE = new ErrorContext(null, null, null, null);

    /** A statement about one record. */
    public static ErrorContext of(String entity, String id) {
        return new ErrorContext(entity, id, null, null);
    }

    /** The same, also naming the record a foreign key references. */
    public ErrorContext referencing(String entity, String id) {
        return new ErrorContext(this.entity, this.id, entity, id);
    }
}
