package io.opstate.executions;

import io.opstate.InvalidInputException;
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
     * Parses a status name in any case.
     *
     * @throws InvalidInputException naming {@code status} for an unknown name
     */
    public static ExecutionStatus parse(String text) {
        if (text != null) {
            for (ExecutionStatus status : values()) {
                if (status.name().equalsIgnoreCase(text.trim())) {
                    return status;
                }
            }
        }
        throw new InvalidInputException("status",
                "unknown execution status '" + text + "'; expected one of running, succeeded, failed, cancelled");
    }
}
