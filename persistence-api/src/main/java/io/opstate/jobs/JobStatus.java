package io.opstate.jobs;

import io.opstate.InvalidInputException;
import io.opstate.internal.Blanks;
import io.opstate.internal.UserText;
import java.util.Locale;

/**
 * Where a job is in its lifecycle:
 * {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}, with {@code RUNNING → QUEUED} when a
 * failure asks for a retry or a lease expires while attempts remain, {@code FAILED → QUEUED} on
 * an explicit retry while attempts remain, and {@code QUEUED | RUNNING → CANCELLED}.
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** Whether the job has finished for good (no worker will touch it again unless retried). */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name stored in databases and shown to people, e.g. {@code "queued"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a status name in any case; surrounding spaces, tabs and line breaks are ignored, any
     * other character (NUL included) makes the name unknown.
     *
     * @throws InvalidInputException naming {@code status} for an unknown name, quoted escaped and cut
     */
    public static JobStatus parse(String text) {
        String name = Blanks.strip(text);
        for (JobStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new InvalidInputException("status",
                "unknown job status " + UserText.quoted(text) + "; expected one of queued, running, succeeded, failed, cancelled");
    }
}
