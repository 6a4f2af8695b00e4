package io.opstate.operations;

/**
 * One report of a long operation's progress.
 *
 * @param operation what runs, e.g. {@code retention} or {@code integrity-check}
 * @param step the part of it under way, e.g. {@code finished jobs}; never blank
 * @param done units of the step finished so far (rows, bytes, tables, as the step counts them)
 * @param total units the step will do when known, else {@link #UNKNOWN}
 */
public record Progress(String operation, String step, long done, long total) {
    /** {@link #total} when the operation cannot know it in advance. */
    public static final long UNKNOWN = -1;

    public Progress {
        requireText(operation, "operation");
        requireText(step, "step");
        if (done < 0) {
            throw new IllegalArgumentException("done must not be negative, got " + done);
        }
        if (total < UNKNOWN) {
            throw new IllegalArgumentException("total must be " + UNKNOWN + " (unknown) or not negative, got " + total);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Whether {@link #total} is known. */
    public boolean totalKnown() {
        return total != UNKNOWN;
    }
}
