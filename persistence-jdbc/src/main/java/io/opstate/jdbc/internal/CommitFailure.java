package io.opstate.jdbc.internal;

/**
 * Marks a failure of COMMIT itself, so that a lost connection is reported with an unknown
 * outcome: the server may have committed before the connection went away.
 */
final class CommitFailure extends RuntimeException {
    CommitFailure(RuntimeException cause) {
        super(cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
