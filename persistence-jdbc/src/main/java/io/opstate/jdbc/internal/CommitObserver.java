package io.opstate.jdbc.internal;

import java.sql.Connection;

/**
 * Told of every transaction the store commits on its writer, on the committing thread, while it
 * still holds the connection. Must not throw: a failure of its own is its business, never the
 * write's.
 */
public interface CommitObserver {
    /** Observes nothing. */
    CommitObserver NONE = new CommitObserver() {
        @Override
        public long beforeCommit(Connection connection) {
            return 0;
        }

        @Override
        public void afterCommit(Connection connection, long before) {
        }

        @Override
        public void commitUncertain() {
        }
    };

    /** Just before the commit, inside the transaction (so holding its locks); returns what {@link #afterCommit} gets. */
    long beforeCommit(Connection connection);

    /** Right after the commit succeeded, on the same connection. */
    void afterCommit(Connection connection, long before);

    /** After a commit that failed: it may or may not have happened. */
    void commitUncertain();
}
