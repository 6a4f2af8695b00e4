package io.opstate.artifacts;

import io.opstate.PersistenceException;

/**
 * The content stream given to {@link ArtifactRepository#put} failed while it was read. Nothing
 * was stored: no row, and the partly written temporary file was removed. The stream's own
 * exception is the cause.
 */
public class ArtifactContentException extends PersistenceException {
    public ArtifactContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
