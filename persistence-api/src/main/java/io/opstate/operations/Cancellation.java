package io.opstate.operations;

/**
 * Asks a long operation to stop. The operation looks at it between two bounded steps, so it
 * stops soon after {@link #cancel()} with {@link OperationCancelledException}; what a step
 * finished before stays done and what it had not begun is not started. Thread-safe: cancel from
 * any thread, e.g. a UI's "stop" button. One instance serves one operation or several.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    /** A cancellation that nobody can trigger, for callers that never cancel. */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Asks every operation watching this to stop. Idempotent. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Throws {@link OperationCancelledException} naming {@code operation} when cancelled;
     * operations call this between steps.
     */
    public void throwIfCancelled(String operation) {
        if (cancelled) {
            throw new OperationCancelledException(operation);
        }
    }
}
