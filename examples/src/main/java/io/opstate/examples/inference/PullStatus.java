package io.opstate.examples.inference;

import io.opstate.jobs.JobStatus;

/**
 * A pull job's status: {@code queued → running → succeeded | failed}. The server itself never
 * cancels a pull; {@link #CANCELLED} appears only when an operator cancelled the job with another
 * OpState tool.
 */
public enum PullStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** The name the server's API returns, e.g. {@code succeeded}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static PullStatus of(JobStatus status) {
        return switch (status) {
            case QUEUED -> QUEUED;
            case RUNNING -> RUNNING;
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
        };
    }
}
