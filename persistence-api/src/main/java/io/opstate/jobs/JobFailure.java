package io.opstate.jobs;

import java.time.Instant;

/**
 * Why a job attempt failed, and whether to try again.
 *
 * <p>A failure is never refused for being long, so that a worker's failure is never lost: an
 * {@code error} longer than 10,000 characters (Unicode code points) is cut to its first
 * characters followed by {@code "… [cut: N characters omitted]"}, 10,000 characters in all; a
 * {@code detail} longer than the store's {@code maxPayloadBytes} in UTF-8 is cut the same way to
 * that many bytes. N counts the characters left out. Only the kept head must be storable (no NUL,
 * no unpaired surrogate); a blank error is still refused.
 *
 * @param error short reason, required; cut to 10,000 characters as above
 * @param detail long diagnostic such as a stack trace, or null; cut to {@code maxPayloadBytes} as above
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
