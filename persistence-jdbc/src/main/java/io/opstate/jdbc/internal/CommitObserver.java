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
        public void afterCommit(Connection connection) {
        }

        @Override
        public void commitUncertain() {
        }
    };

    /** Right after the commit succeeded, on the committing connection. */
    void afterCommit(Connection connection);

    /** After a commit that failed: it may or may not have happened. */
    void commitUncertain();
}
