package io.opstate;

/**
 * The schema could not be brought to the version this library needs, or was found at a
 * version it does not know. The store was not opened; names the failing migration and, when a
 * migration was refused because a name it needs is taken, the object in the way.
 */
public class MigrationFailedException extends PersistenceException {
    private final String migration;
    private final String object;

    public MigrationFailedException(String migration, String message, Throwable cause) {
        this(migration, null, message, cause);
    }

    /**
     * @param object the existing database object (table, index, ...) the migration would have
     *     created again, or null when no name was in the way
     */
    public MigrationFailedException(String migration, String object, String message, Throwable cause) {
        super(message, cause);
        this.migration = migration;
        this.object = object;
    }

    /** The migration (version and description) that failed or is missing, or null if none applies. */
    public String migration() {
        return migration;
    }

    /** The existing object whose name a migration needed, or null when none was in the way. */
    public String conflictingObject() {
        return object;
    }
}
