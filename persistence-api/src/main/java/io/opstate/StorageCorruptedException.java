package io.opstate;

/**
 * The stored data is damaged: the database no longer reads as a valid database, for example after
 * a disk fault, or after another program overwrote or truncated the SQLite file. Raised when the
 * store is opened and by any later operation that touches a damaged part; the operation that
 * raised it committed nothing, but the damage may already have lost data.
 *
 * <p>Not a {@link StorageUnavailableException}: that one passes once the storage is back, so
 * hosts retry it. This one does not pass by waiting, and retrying fails again. The message names
 * the store and says what an operator does: stop every process using it, run an integrity check,
 * and restore it from a backup.
 */
public class StorageCorruptedException extends PersistenceException {
    private final String location;

    /**
     * @param location where the damaged store lives: the database file's path, or a server URL
     *     with its password masked
     * @param message what was found and what to do about it, naming {@code location}
     * @param cause the driver's exception that reported the damage, or what wraps it
     */
    public StorageCorruptedException(String location, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    /** Where the damaged store lives: the database file's path, or a server URL with its password masked. */
    public String location() {
        return location;
    }
}
