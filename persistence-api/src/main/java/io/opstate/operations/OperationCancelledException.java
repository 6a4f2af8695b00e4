package io.opstate.operations;

import io.opstate.PersistenceException;

/**
 * A long operation stopped because its {@link Cancellation} was cancelled or its
 * {@link ProgressListener} threw (then the listener's exception is the cause). The steps it
 * finished stay done; each step is atomic, so the store is never left inside one.
 */
public class OperationCancelledException extends PersistenceException {
    private final String operation;

    public OperationCancelledException(String operation) {
        super(operation + " was cancelled");
        this.operation = operation;
    }

    public OperationCancelledException(String operation, Throwable cause) {
        super(operation + " stopped: its progress listener threw " + cause, cause);
        this.operation = operation;
    }

    /** The operation that stopped. */
    public String operation() {
        return operation;
    }
}
