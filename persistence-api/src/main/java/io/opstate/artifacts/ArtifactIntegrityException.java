package io.opstate.artifacts;

import io.opstate.PersistenceException;

/**
 * An artifact's blob is missing, or its content no longer matches the SHA-256 recorded when it
 * was put (a disk fault, or a file under the artifact root changed by something else). Raised by
 * {@link ArtifactRepository#open} when the stream is opened (missing blob) or while it is read (at
 * the latest when its end is reached, before any caller sees end of stream). Retrying does not
 * help: restore the blob from a backup, or delete the artifact.
 */
public class ArtifactIntegrityException extends PersistenceException {
    private final String artifactId;
    private final String sha256;

    public ArtifactIntegrityException(String artifactId, String sha256, String message) {
        super(message);
        this.artifactId = artifactId;
        this.sha256 = sha256;
    }

    public ArtifactIntegrityException(String artifactId, String sha256, String message, Throwable cause) {
        super(message, cause);
        this.artifactId = artifactId;
        this.sha256 = sha256;
    }

    /** The artifact being read. */
    public String artifactId() {
        return artifactId;
    }

    /** The SHA-256 its content should have. */
    public String sha256() {
        return sha256;
    }
}
