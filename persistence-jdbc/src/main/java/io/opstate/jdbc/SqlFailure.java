package io.opstate.jdbc;

/**
 * What a database error means for the caller, as a {@link SqlDialect} classifies it. The shared
 * layer turns each kind into the API's typed exception, keeping the driver's exception as cause.
 */
public enum SqlFailure {
    /** A unique or primary key constraint refused the row: {@link io.opstate.DuplicateKeyException}. */
    DUPLICATE_KEY,
    /** A foreign key names a row that does not exist: {@link io.opstate.NotFoundException} of that row. */
    MISSING_REFERENCE,
    /** Another constraint (check, not null) refused the row; input validation should have prevented it. */
    CONSTRAINT,
    /**
     * The storage could not serve the request: busy or locked past the timeout, I/O error, disk
     * full, connection lost or refused: {@link io.opstate.StorageUnavailableException}.
     */
    UNAVAILABLE,
    /**
     * The stored data is damaged (SQLite: a malformed page, a file that is not a database); waiting
     * will not mend it: {@link io.opstate.StorageCorruptedException}.
     */
    CORRUPTED,
    /** Anything else: a plain {@link io.opstate.PersistenceException}. */
    OTHER
}
