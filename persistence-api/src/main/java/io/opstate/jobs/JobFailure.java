package io.opstate.jobs;

import java.time.Instant;

/**
 * Why a job attempt failed, and whether to try again.
 *
 * @param error short reason, required
 * @param detail long diagnostic such as a stack trace, or null
 * @param retryAt when set and attempts remain, the job goes back to the queue and is not
 *     claimed before this time; otherwise (null, or no attempts left) it ends as failed
 */
public record JobFailure(String error, String detail, Instant retryAt) {
    /** A final failure with the given reason. */
    public static JobFailure of(String error) {
        return new JobFailure(error, null, null);
    }

    public JobFailure withDetail(String detail) {
        return new JobFailure(error, detail, retryAt);
    }

    /** Asks for another attempt not before {@code retryAt}, if attempts remain. */
    public JobFailure retryAt(Instant retryAt) {
        return new JobFailure(error, detail, retryAt);
    }
}
