package io.opstate.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Borrows a connection, waiting for one at most a given time when the pool has none free, so that
 * a write waits no longer than its caller's deadline however long the pool's own timeout is.
 */
@FunctionalInterface
interface PoolWait {
    /**
     * A connection, or {@link SQLException} when none came within {@code timeoutMillis} (0: only
     * a free one), as the pool reports a timeout: HikariCP with {@code SQLTransientConnectionException}.
     */
    Connection borrow(long timeoutMillis) throws SQLException;

    /**
     * HikariCP's pool waits as long as asked (plus at most one check of a connection idle for more
     * than half a second, bounded by the pool's validation timeout; see {@link HikariPoolWait} for
     * a pool that has no connection left); any other data source
     * waits as long as its own settings say.
     */
    static PoolWait of(DataSource source) {
        if (source instanceof HikariDataSource hikari) {
            return new HikariPoolWait(hikari);
        }
        return timeoutMillis -> source.getConnection();
    }
}
