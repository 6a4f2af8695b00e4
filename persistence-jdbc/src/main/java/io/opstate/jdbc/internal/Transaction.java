package io.opstate.jdbc.internal;

import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * A write transaction bound to the thread that started it. Work that joins it runs inside a
 * savepoint, so a joined operation that fails leaves nothing half-written even when the
 * caller catches the exception and carries on. Confined to one thread.
 */
final class Transaction {
    private final Handle handle;
    private int depth;

    Transaction(Handle handle) {
        this.handle = handle;
    }

    Handle handle() {
        return handle;
    }

    /** Runs {@code work} in a savepoint: released on success, rolled back (then rethrown) on failure. */
    <T> T inSavepoint(Supplier<T> work) {
        String name = "opstate_sp" + (++depth);
        try {
            handle.execute("SAVEPOINT " + name);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error failure) {
                try {
                    handle.execute("ROLLBACK TO SAVEPOINT " + name);
                    handle.execute("RELEASE SAVEPOINT " + name);
                } catch (RuntimeException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
                throw failure;
            }
            handle.execute("RELEASE SAVEPOINT " + name);
            return result;
        } finally {
            depth--;
        }
    }
}
