package io.opstate.jdbc;

/**
 * A copy of the database taken before migrating it, so a failed migration can be undone where
 * the database cannot roll back DDL by itself or where the whole file must be restored (SQLite).
 * Backends with transactional DDL use {@link #NONE}.
 */
public interface SchemaSnapshot {
    /** No copy: nothing to restore, nothing to discard. */
    SchemaSnapshot NONE = new SchemaSnapshot() {
        @Override
        public void restore() {
        }

        @Override
        public void discard() {
        }
    };

    /**
     * Puts the database back as it was when the snapshot was taken. Called after a failed
     * migration, when the migration's connections are closed.
     */
    void restore();

    /** Removes the copy after the migration succeeded. */
    void discard();

    /** Takes snapshots; asked once pending migrations are about to be applied. */
    @FunctionalInterface
    interface Taker {
        /** A snapshot of the database as it is now, or {@link #NONE} when it holds nothing worth keeping. */
        SchemaSnapshot take();
    }
}
