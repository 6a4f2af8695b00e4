package io.opstate.jdbc.internal;

import io.opstate.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Runs the statements of the hot paths (create, claim, the lease-guarded updates, lookups by id,
 * execution and history writes) with plain JDBC, on the connection of a Jdbi handle or on a
 * connection borrowed without one ({@link PlainConnection}). Jdbi costs more per statement
 * than these statements cost the database (it copies its configuration for every statement,
 * renders and parses the SQL, and binds through argument-factory lookups), so here the SQL is
 * compiled once ({@link CompiledSql}) and bound with typed setters. Statements come from the
 * connection's statement builder, so they are cached exactly where Jdbi's are
 * ({@link CachedStatements}) and run inside whatever transaction the connection is in.
 * Thread-safe; each call is confined to the connection's thread.
 */
public final class PlainJdbc {
    private final SqlDialect dialect;

    public PlainJdbc(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Binds parameters of one statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(Params params) throws SQLException;
    }

    /**
     * The row a key-guarded statement returned, if any.
     *
     * @throws IllegalStateException when it returned several: a bug in the statement
     */
    public <T> Optional<T> queryAtMostOne(PlainConnection connection, CompiledSql sql, Binder binder,
                                          RowMapper<T> mapper) {
        return Rows.atMostOne(query(connection, sql, binder, mapper), sql.jdbc());
    }

    /** Runs a statement returning rows ({@code SELECT}, or a change with {@code RETURNING}). */
    public <T> List<T> query(PlainConnection connection, CompiledSql sql, Binder binder, RowMapper<T> mapper) {
        return run(connection, sql, binder, statement -> {
            List<T> rows = new ArrayList<>(1);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result, null));
                }
            }
            return rows;
        });
    }

    /** Runs a statement that returns no rows ({@code UPDATE} without {@code RETURNING}); returns the rows it changed. */
    public int update(PlainConnection connection, CompiledSql sql, Binder binder) {
        return run(connection, sql, binder, PreparedStatement::executeUpdate);
    }

    /**
     * Runs a statement without parameters or rows, such as {@code BEGIN IMMEDIATE} or
     * {@code COMMIT}, on a statement kept like the others: for dialects that begin and end
     * transactions with statements of their own.
     */
    public static void execute(PlainConnection connection, String sql) {
        run(connection, sql, PreparedStatement::execute);
    }

    private <T> T run(PlainConnection connection, CompiledSql sql, Binder binder, Execution<T> execution) {
        return run(connection, sql.jdbc(), statement -> {
            binder.bind(new Params(statement, sql, dialect));
            return execution.on(statement);
        });
    }

    private static <T> T run(PlainConnection connection, String sql, Execution<T> execution) {
        PreparedStatement statement = null;
        try {
            statement = connection.prepare(sql);
            return execution.on(statement);
        } catch (SQLException e) {
            throw new PlainJdbcException(sql, e);
        } finally {
            if (statement != null) {
                giveBack(connection, sql, statement);
            }
        }
    }

    private static void giveBack(PlainConnection connection, String sql, PreparedStatement statement) {
        try {
            connection.release(statement);
        } catch (SQLException e) {
            throw new PlainJdbcException(sql, e);
        }
    }

    /** Runs a statement; closes any result set it opens, so the statement goes back to the cache as it is. */
    @FunctionalInterface
    private interface Execution<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /**
     * A statement of {@link PlainJdbc}, or borrowing a connection for one, failed; {@link SqlErrors}
     * translates it like Jdbi's failures.
     */
    static final class PlainJdbcException extends RuntimeException {
        PlainJdbcException(String sql, SQLException cause) {
            super(cause.getMessage() + " [statement: " + sql + "]", cause);
        }

        /** Borrowing or returning the connection failed, outside any statement. */
        PlainJdbcException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
