package io.opstate.operations;

/**
 * Receives the progress of a long operation, on the thread that runs it, after each bounded
 * step. Keep it quick: the operation waits for it. An exception it throws stops the operation
 * as a cancellation would, and reaches the caller as its cause.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = progress -> { };

    void progress(Progress progress);
}
