package io.opstate;

/**
 * The schema could not be brought to the version this library needs, or was found at a
 * version it does not know. The store was not opened; names the failing migration.
 */
public class MigrationFailedException extends PersistenceException {
    private final String migration;

    public MigrationFailedException(String migration, String message, Throwable cause) {
        super(message, cause);
        this.migration = migration;
    }

    /** The migration (version and description) that failed or is missing, or null if none applies. */
    public String migration() {
        return migration;
    }
}
