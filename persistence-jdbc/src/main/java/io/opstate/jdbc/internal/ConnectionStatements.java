package io.opstate.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The cached prepared statements of one physical connection, by SQL text, least recently used
 * first. Each statement is lent to one user at a time. Thread-safe: lent and returned by the
 * thread that has the connection borrowed, closed by whichever thread notices that the connection
 * closed or closes the cache.
 */
final class ConnectionStatements {
    private final Connection physical;
    private final int capacity;
    private final LinkedHashMap<String, Cached> statements = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    ConnectionStatements(Connection physical, int capacity) {
        this.physical = physical;
        this.capacity = capacity;
    }

    /**
     * Lends the cached statement for {@code sql}, preparing it on the physical connection when
     * missing. Null when the caller must prepare an uncached one: the cached statement is already
     * lent (nested use of the same SQL), or the connection or the cache is closed.
     */
    synchronized Cached lend(String sql) throws SQLException {
        if (closed || physical.isClosed()) {
            return null;
        }
        Cached cached = statements.get(sql);
        if (cached == null) {
            cached = new Cached(sql, physical.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY));
            statements.put(sql, cached);
        } else if (cached.lent) {
            return null;
        }
        cached.lent = true;
        trim();
        return cached;
    }

    /**
     * Takes back a lent statement, reset for its next user; closes it if it cannot be reset or is
     * no longer cached.
     *
     * @param resultClosed the user closed the statement's result set, if it had one, so there is
     *     none to look for: looking costs sqlite-jdbc a fetch of every column name
     */
    synchronized void giveBack(Cached cached, boolean resultClosed) {
        cached.lent = false;
        if (closed || statements.get(cached.sql) != cached || !cached.reset(resultClosed)) {
            discard(cached);
            return;
        }
        trim();
    }

    /** Drops and closes a statement, e.g. one its user never returned before the handle closed. */
    synchronized void discard(Cached cached) {
        if (statements.get(cached.sql) == cached) {
            statements.remove(cached.sql);
        }
        cached.close();
    }

    /** Whether the physical connection is closed (or cannot even say); its statements are then useless. */
    boolean connectionClosed() {
        try {
            return physical.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Closes every statement not lent now; lent ones are closed when given back. Idempotent. */
    synchronized void close() {
        closed = true;
        List<Cached> idle = new ArrayList<>();
        for (Cached cached : statements.values()) {
            if (!cached.lent) {
                idle.add(cached);
            }
        }
        statements.clear();
        idle.forEach(Cached::close);
    }

    synchronized int size() {
        return statements.size();
    }

    /** Closes the least recently used idle statements beyond the capacity; lent ones wait for their return. */
    private void trim() {
        Iterator<Cached> oldestFirst = statements.values().iterator();
        int excess = statements.size() - capacity;
        while (excess > 0 && oldestFirst.hasNext()) {
            Cached cached = oldestFirst.next();
            if (!cached.lent) {
                oldestFirst.remove();
                cached.close();
                excess--;
            }
        }
    }

    /** One cached statement and the settings it was prepared with, to restore what a user changed. */
    static final class Cached {
        final String sql;
        final PreparedStatement statement;
        private final int fetchSize;
        private final int maxRows;
        private final int queryTimeout;
        private boolean lent;

        private Cached(String sql, PreparedStatement statement) throws SQLException {
            this.sql = sql;
            this.statement = statement;
            try {
                this.fetchSize = statement.getFetchSize();
                this.maxRows = statement.getMaxRows();
                this.queryTimeout = statement.getQueryTimeout();
            } catch (SQLException e) {
                close();
                throw e;
            }
        }

        /**
         * Makes the statement as good as new. Closing the current result set, read or not, resets
         * the statement (sqlite3_reset in sqlite-jdbc): a statement left stepping would keep its
         * connection's read snapshot, or write lock, while it sits in the cache. A result set the
         * user closed did that already.
         */
        private boolean reset(boolean resultClosed) {
            try {
                ResultSet rest = resultClosed ? null : statement.getResultSet();
                if (rest != null) {
                    rest.close();
                }
                statement.clearParameters();
                statement.clearBatch();
                if (statement.getFetchSize() != fetchSize) {
                    statement.setFetchSize(fetchSize);
                }
                if (statement.getMaxRows() != maxRows) {
                    statement.setMaxRows(maxRows);
                }
                if (statement.getQueryTimeout() != queryTimeout) {
                    statement.setQueryTimeout(queryTimeout);
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        private void close() {
            try {
                statement.close();
            } catch (SQLException | RuntimeException e) {
                // Only fails when the connection is gone, which has released the statement already.
            }
        }
    }
}
