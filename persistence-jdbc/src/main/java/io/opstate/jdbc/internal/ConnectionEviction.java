package io.opstate.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Takes a connection out of service for good, for when its state is unknown: its rollback failed,
 * so it may still be inside a transaction (holding SQLite's write lock, or about to commit what
 * the next caller writes). Must be called while the connection is still borrowed, before it is
 * closed: closing returns a pooled connection to the pool, and the single SQLite writer would go
 * straight to the next waiting thread.
 */
@FunctionalInterface
interface ConnectionEviction {
    /** Ends {@code connection}; the pool opens a fresh one for later borrowers. */
    void evict(Connection connection) throws SQLException;

    /**
     * HikariCP: evicted from the pool, its physical connection closed (which rolls back whatever is
     * open). Any other data source: aborted, the JDBC way to end a connection whatever its state.
     */
    static ConnectionEviction of(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari::evictConnection;
        }
        return connection -> connection.abort(Runnable::run);
    }
}
