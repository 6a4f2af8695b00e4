package io.opstate.jdbc.internal;

import io.opstate.jdbc.internal.ConnectionStatements.Cached;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps prepared statements open between uses, per physical connection and SQL text, for drivers
 * that compile every statement anew (sqlite-jdbc; {@link io.opstate.jdbc.SqlDialect#reusesPreparedStatements}).
 * Install with {@link org.jdbi.v3.core.Jdbi#setStatementBuilderFactory}; one instance may serve
 * several Jdbi instances.
 *
 * <p>Statements are prepared on the physical connection behind the pool's proxy, found with
 * {@link Connection#unwrap}: HikariCP closes every statement prepared through its proxy when the
 * proxy goes back to the pool, while these must survive from one borrow to the next. The pool
 * therefore does not see them: it cannot mark a connection broken by their errors, nor roll back
 * what they left open with auto-commit off; SQLite runs with auto-commit on and begins and ends
 * transactions with statements, and its connections are local.
 *
 * <p>A cached statement is lent to one user at a time; asking again for the same SQL while it is
 * lent (nested iteration) gets an uncached statement, closed on return. On return parameters are
 * cleared, the current result set is closed (which resets the statement) unless the user closed
 * it already ({@link PlainJdbc} does, and says so), and the fetch size,
 * maximum rows and query timeout are restored; a statement that cannot be reset is closed, while
 * one whose execution failed (a duplicate key, SQLITE_BUSY) stays cached, since the driver resets
 * it. Statements that ask for generated keys or updatable results, plain and callable statements
 * are never cached. At most {@code capacity} idle statements per connection are kept; the least
 * recently used beyond that is closed.
 *
 * <p>The statements of a connection that closed (pool retirement, eviction) are closed and
 * dropped once noticed: whenever a connection not seen before is used, and every
 * {@value #SWEEP_EVERY} handles besides, since HikariCP closes evicted connections asynchronously.
 * {@link #close()} closes every statement and caches no more. Thread-safe.
 */
public final class CachedStatements implements StatementBuilderFactory, AutoCloseable {
    /** Statements kept per connection: the repositories use a few dozen SQL texts, list filters make variants. */
    public static final int DEFAULT_CAPACITY = 256;
    private static final int SWEEP_EVERY = 1024;
    private static final StatementBuilder UNCACHED = new DefaultStatementBuilder();
    private static final int MAX_WRAPPERS = 8;

    private final int capacity;
    private final Map<Connection, ConnectionStatements> connections = new IdentityHashMap<>();
    private int handles;
    private boolean closed;

    /** A cache keeping up to {@link #DEFAULT_CAPACITY} statements per connection. */
    public CachedStatements() {
        this(DEFAULT_CAPACITY);
    }

    /** A cache keeping up to {@code capacity} (at least 1) statements per connection. */
    public CachedStatements(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Closes {@code this}, then {@code resources}, for a store whose pools are among the resources:
     * the statements go before their connections.
     */
    public AutoCloseable closingBefore(AutoCloseable resources) {
        return () -> {
            try {
                close();
            } finally {
                resources.close();
            }
        };
    }

    /**
     * Called by Jdbi for every handle it opens, with the connection the handle uses, and by
     * {@link BorrowedConnections} for every connection it borrows without a handle.
     */
    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        try {
            ConnectionStatements statements = statementsOf(physical(connection));
            return statements == null ? UNCACHED : new Lending(statements);
        } catch (SQLException | RuntimeException e) {
            // Jdbi does not close the connection when this throws; an uncached handle still works.
            return UNCACHED;
        }
    }

    /** How many statements are cached now, over all connections; for tests and diagnostics. */
    public synchronized int size() {
        return connections.values().stream().mapToInt(ConnectionStatements::size).sum();
    }

    /** Closes every cached statement (lent ones when returned); later handles prepare uncached. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        connections.values().forEach(ConnectionStatements::close);
        connections.clear();
    }

    /**
     * Closes the statements kept for {@code connection}; it caches anew from its next handle. For
     * statements that refuse to run while the connection has another prepared (SQLite's {@code VACUUM}).
     */
    public void forget(Connection connection) {
        ConnectionStatements statements;
        try {
            Connection physical = physical(connection);
            synchronized (this) {
                statements = connections.remove(physical);
            }
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
        if (statements != null) {
            statements.close();
        }
    }

    private synchronized ConnectionStatements statementsOf(Connection physical) {
        if (closed) {
            return null;
        }
        ConnectionStatements statements = connections.get(physical);
        if (statements == null || ++handles % SWEEP_EVERY == 0) {
            sweep();
        }
        if (statements == null) {
            statements = new ConnectionStatements(physical, capacity);
            connections.put(physical, statements);
        }
        return statements;
    }

    private void sweep() {
        Iterator<ConnectionStatements> all = connections.values().iterator();
        while (all.hasNext()) {
            ConnectionStatements statements = all.next();
            if (statements.connectionClosed()) {
                all.remove();
                statements.close();
            }
        }
    }

    private static Connection physical(Connection connection) throws SQLException {
        Connection current = connection;
        for (int i = 0; i < MAX_WRAPPERS && current.isWrapperFor(Connection.class); i++) {
            Connection inner = current.unwrap(Connection.class);
            if (inner == null || inner == current) {
                break;
            }
            current = inner;
        }
        return current;
    }

    /**
     * The statement builder of one handle: lends cached statements of its connection and takes
     * them back, and when the handle closes, closes any its users never returned. Confined to the
     * handle's thread, like the handle.
     */
    static final class Lending implements StatementBuilder {
        private final ConnectionStatements statements;
        private final List<Cached> lent = new ArrayList<>(4);

        Lending(ConnectionStatements statements) {
            this.statements = statements;
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return UNCACHED.create(conn, sql, ctx);
            }
            return lend(conn, sql);
        }

        /**
         * A statement for plain JDBC use ({@link PlainJdbc}): cached when possible; return it with
         * {@link #giveBack(PreparedStatement)}.
         */
        PreparedStatement lend(Connection conn, String sql) throws SQLException {
            Cached cached = statements.lend(sql);
            if (cached == null) {
                return conn.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            }
            lent.add(cached);
            return cached.statement;
        }

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            return UNCACHED.create(conn, ctx);
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return UNCACHED.createCall(conn, sql, ctx);
        }

        /** Jdbi passes the SQL as written, not as prepared, so the statement is found by identity. */
        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            giveBack(stmt, false);
        }

        /**
         * Takes back a statement from {@link #lend} whose result set, if it had one, the user has
         * closed, as {@link PlainJdbc} always does: the cache need not look for an open one.
         */
        void giveBack(PreparedStatement stmt) throws SQLException {
            giveBack(stmt, true);
        }

        private void giveBack(Statement stmt, boolean resultClosed) throws SQLException {
            for (int i = lent.size() - 1; i >= 0; i--) {
                if (lent.get(i).statement == stmt) {
                    statements.giveBack(lent.remove(i), resultClosed);
                    return;
                }
            }
            stmt.close();
        }

        @Override
        public void close(Connection conn) {
            lent.forEach(statements::discard);
            lent.clear();
        }
    }
}
