package io.opstate.executions;

import io.opstate.InvalidInputException;
import io.opstate.internal.Blanks;
import io.opstate.internal.UserText;
import java.util.Locale;

/** State of one pipeline execution: {@code RUNNING → SUCCEEDED | FAILED | CANCELLED}. */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    /** The lower-case name stored in databases, e.g. {@code "running"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a status name in any case; surrounding spaces, tabs and line breaks are ignored, any
     * other character (NUL included) makes the name unknown.
     *
     * @throws InvalidInputException naming {@code status} for an unknown name, quoted escaped and cut
     */
    public static ExecutionStatus parse(String text) {
        String name = Blanks.strip(text);
        for (ExecutionStatus status : values()) {
            if (status.name().equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new InvalidInputException("status",
                "unknown execution status " + UserText.quoted(text) + "; expected one of running, succeeded, failed, cancelled");
    }
}
