package io.opstate.jdbc.internal;

import io.opstate.jdbc.SqlDialect;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Raw access to one open SQL store, for tools that copy a store whole instead of going through
 * its repositories. Statements run where the store runs its own: reads on a reader connection,
 * writes in a transaction on the writer begun and ended by the dialect; errors leave as the API's
 * typed exceptions. Thread-safe; valid while the store is open.
 */
public final class StoreAccess {
    private final String backendName;
    private final Database database;

    public StoreAccess(String backendName, Database database) {
        this.backendName = backendName;
        this.database = database;
    }

    /** The backend's name, e.g. {@code sqlite}. */
    public String backendName() {
        return backendName;
    }

    /** How this store's database stores times and JSON. */
    public SqlDialect dialect() {
        return database.dialect();
    }

    /**
     * Runs {@code work} in one read transaction on a reader connection, at repeatable-read
     * isolation: every statement of the work sees the same snapshot of the store, and result
     * sets may stream with a fetch size (a cursor on PostgreSQL, which needs the transaction).
     * The work must not write.
     */
    public <T> T readSnapshot(HandleCallback<T, RuntimeException> work) {
        return database.read(ErrorContext.NONE,
                handle -> handle.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work::withHandle));
    }

    /** Runs {@code work} in one write transaction: all of it is committed, or (when it throws) none. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return database.write(ErrorContext.NONE, work);
    }
}
