package io.opstate;

import io.opstate.internal.UserText;

/**
 * A worker presented a fencing token that does not hold the job: its lease expired and the job
 * was claimed again, the job was cancelled or finished, or the token is of another job's claim
 * (a token names one claim of one job). The worker must stop working on the job; the store is
 * unchanged.
 */
public class LeaseLostException extends ConflictException {
    private final long fencingToken;

    public LeaseLostException(String jobId, long fencingToken) {
        super("job", jobId, "job " + UserText.quoted(jobId) + " is not held under fencing token " + fencingToken
                + "; the lease expired and the job was claimed again, the job was cancelled or finished,"
                + " or the token is of another job's claim");
        this.fencingToken = fencingToken;
    }

    /** The token the caller presented. */
    public long fencingToken() {
        return fencingToken;
    }
}
