package io.opstate.jdbc.internal;

import io.opstate.StorageUnavailableException;

/**
 * The two answers a caller gets when a write failed for reasons outside its request, worded here
 * once because hosts decide by them whether to retry: nothing was written (retry as it is), or the
 * outcome is unknown (the write may be stored: read it back first). Say "nothing was written" only
 * when the write certainly never committed: it never ran, or its transaction ended before COMMIT
 * was sent.
 */
final class Outcomes {
    private Outcomes() {
    }

    /** The write did not and will not take effect. */
    static StorageUnavailableException nothingWritten(String store, String why, Throwable cause) {
        return new StorageUnavailableException(store + " storage is unavailable; nothing was written: " + why, cause);
    }

    /** The write may or may not have taken effect; {@code what} says what happened to it. */
    static StorageUnavailableException outcomeUnknown(String store, String what, String why, Throwable cause) {
        return new StorageUnavailableException(store + " " + what + "; the outcome is unknown: the write may or may"
                + " not have been stored, so read it back before retrying: " + why, cause);
    }
}
