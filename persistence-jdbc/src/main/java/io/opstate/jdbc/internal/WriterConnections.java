package io.opstate.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Jdbi's connections to the writer. A handle opened through {@link #open} for a write transaction
 * gets a connection waited for at most as long as that transaction may still wait; any other
 * handle (a read, where the writer is also the reader) as long as the pool's own timeout. The
 * limit reaches Jdbi's {@code openConnection} through a field of the opening thread, as Jdbi
 * passes nothing of the caller's there. Thread-safe.
 */
public final class WriterConnections implements ConnectionFactory {
    private static final long POOL_TIMEOUT = -1;

    private final DataSource source;
    private final PoolWait pool;
    private final ThreadLocal<long[]> opening = ThreadLocal.withInitial(() -> new long[] {POOL_TIMEOUT});

    /** @param source the writer's data source */
    public WriterConnections(DataSource source) {
        this.source = source;
        this.pool = PoolWait.of(source);
    }

    /** The writer's data source. */
    DataSource source() {
        return source;
    }

    @Override
    public Connection openConnection() throws SQLException {
        long timeoutMillis = opening.get()[0];
        return timeoutMillis == POOL_TIMEOUT ? source.getConnection() : pool.borrow(timeoutMillis);
    }

    /**
     * A handle of {@code jdbi}, which must have been created over this factory, on a connection
     * waited for at most {@code timeoutMillis}.
     */
    Handle open(Jdbi jdbi, long timeoutMillis) {
        long[] limit = opening.get();
        limit[0] = timeoutMillis;
        try {
            return jdbi.open();
        } finally {
            limit[0] = POOL_TIMEOUT;
        }
    }
}
