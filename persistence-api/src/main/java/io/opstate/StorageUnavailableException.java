package io.opstate;

/**
 * The storage could not be reached or refused the operation for reasons outside the request:
 * server down, connection lost, disk full, file not writable, timeout. Whether the operation
 * took effect is unknown only when the message says so; otherwise nothing was written. The
 * same {@link Datastore} can be used again once the storage is back.
 */
public class StorageUnavailableException extends PersistenceException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageUnavailableException(String message) {
        super(message);
    }
}
