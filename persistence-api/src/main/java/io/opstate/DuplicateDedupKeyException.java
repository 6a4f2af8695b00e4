package io.opstate;

import io.opstate.internal.UserText;

/**
 * A job was to be created (or retried) with a dedup key that another job holds while it has not
 * finished ({@code QUEUED} or {@code RUNNING}); see {@link io.opstate.jobs.NewJob#withDedupKey}.
 * The store is unchanged. {@link #id()} and {@link #existingJobId()} name the job holding the key,
 * which a host may follow instead of starting the work again.
 */
public class DuplicateDedupKeyException extends DuplicateKeyException {
    private final String dedupKey;

    /**
     * @param dedupKey the key asked for
     * @param existingJobId the unfinished job that holds it
     */
    public DuplicateDedupKeyException(String dedupKey, String existingJobId) {
        super("job", existingJobId, "dedup key " + UserText.quoted(dedupKey) + " is held by job "
                + UserText.quoted(existingJobId) + ", which has not finished", null);
        this.dedupKey = dedupKey;
    }

    /** The dedup key asked for. */
    public String dedupKey() {
        return dedupKey;
    }

    /** The unfinished job holding the key: the same as {@link #id()}. */
    public String existingJobId() {
        return id();
    }
}
