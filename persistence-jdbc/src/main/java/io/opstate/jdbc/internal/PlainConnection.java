package io.opstate.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementBuilder;

/**
 * A connection that {@link PlainJdbc} statements run on, with the statement builder that lends
 * its prepared statements: the store's {@link CachedStatements} keep them between uses, any other
 * builder means each statement is prepared and closed. Either the connection of a Jdbi handle
 * ({@link #of}), in writes and transactions, or a reader connection borrowed without a handle
 * ({@link BorrowedConnections}). Confined to the thread that holds the connection; whoever borrowed
 * the connection closes it, and the builder, afterwards.
 */
public final class PlainConnection {
    private final Connection connection;
    private final StatementBuilder statements;

    PlainConnection(Connection connection, StatementBuilder statements) {
        this.connection = connection;
        this.statements = statements;
    }

    /** The connection and statement builder of {@code handle}; valid while the handle is open. */
    public static PlainConnection of(Handle handle) {
        return new PlainConnection(handle.getConnection(), handle.getStatementBuilder());
    }

    /**
     * {@code connection} as it is, each statement prepared and closed: for work on a connection
     * another owner lends, such as a migration's. Valid while that owner keeps it open.
     */
    public static PlainConnection of(Connection connection) {
        return new PlainConnection(connection, null);
    }

    /** The JDBC connection, to take out of service when its state is unknown ({@link ConnectionEviction}). */
    Connection jdbc() {
        return connection;
    }

    /**
     * Starts a transaction the JDBC way, as a Jdbi handle's {@code begin} does: auto-commit off
     * until {@link #commit} or {@link #rollback}.
     */
    public void begin() {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
    }

    /** Commits what {@link #begin} started and turns auto-commit back on. */
    public void commit() {
        end(true);
    }

    /** Rolls back what {@link #begin} started and turns auto-commit back on. */
    public void rollback() {
        end(false);
    }

    private void end(boolean commit) {
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
    }

    /**
     * Bounds each wait for an answer from a database server on this connection to
     * {@code millis} (JDBC's network timeout; at least 1, as 0 means forever). A pooled connection
     * gets its usual timeout back when it returns to the pool.
     */
    public void setNetworkTimeout(long millis) {
        try {
            connection.setNetworkTimeout(Runnable::run, (int) Math.min(Math.max(1, millis), Integer.MAX_VALUE));
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
    }

    /** The driver's own connection behind this one, for settings JDBC has no method for. */
    public <T> T unwrap(Class<T> type) {
        try {
            return connection.unwrap(type);
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
    }

    /** A statement for {@code sql}, cached when the builder caches; give it back with {@link #release}. */
    public PreparedStatement prepare(String sql) throws SQLException {
        return statements instanceof CachedStatements.Lending lending
                ? lending.lend(connection, sql)
                : connection.prepareStatement(sql);
    }

    /**
     * Takes back a statement from {@link #prepare}, whose result set the caller has closed:
     * returned to the cache, or closed.
     */
    public void release(PreparedStatement statement) throws SQLException {
        if (statements instanceof CachedStatements.Lending lending) {
            lending.giveBack(statement);
        } else {
            statement.close();
        }
    }
}
