package io.opstate;

import io.opstate.internal.UserText;

/**
 * An update named a version that is no longer current: someone else changed the record
 * since it was read (optimistic concurrency). The store is unchanged.
 */
public class StaleVersionException extends ConflictException {
    private final long expectedVersion;

    public StaleVersionException(String entity, String id, long expectedVersion) {
        super(entity, id, entity + " " + UserText.quoted(id) + " is no longer at version " + expectedVersion
                + "; it was changed concurrently");
        this.expectedVersion = expectedVersion;
    }

    /** The version the caller expected the record to have. */
    public long expectedVersion() {
        return expectedVersion;
    }
}
