package io.opstate;

import io.opstate.internal.UserText;

/**
 * A worker presented a fencing token that no longer owns the job: its lease expired and the
 * job was claimed again, or the job was cancelled or finished. The worker must stop working
 * on the job; the store is unchanged.
 */
public class LeaseLostException extends ConflictException {
    private final long fencingToken;

    public LeaseLostException(String jobId, long fencingToken) {
        super("job", jobId, "job " + UserText.quoted(jobId) + " is no longer held under fencing token "
                + fencingToken + "; the lease expired or the job was claimed, cancelled or finished");
        this.fencingToken = fencingToken;
    }

    /** The token the caller presented. */
    public long fencingToken() {
        return fencingToken;
    }
}
