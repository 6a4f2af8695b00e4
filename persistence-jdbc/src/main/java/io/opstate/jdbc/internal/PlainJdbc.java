package io.opstate.jdbc.internal;

import io.opstate.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementBuilder;

/**
 * Runs the statements of the hot paths (create, claim, the lease-guarded updates, lookups by id,
 * execution and history writes) on the connection of a Jdbi handle with plain JDBC. Jdbi costs
 * more per statement than these statements cost the database (it copies its configuration for
 * every statement, renders and parses the SQL, and binds through argument-factory lookups), so
 * here the SQL is compiled once ({@link CompiledSql}) and bound with typed setters. Statements
 * come from the handle's statement builder, so they are cached exactly where Jdbi's are
 * ({@link CachedStatements}) and run inside whatever transaction the handle is in.
 * Thread-safe; each call is confined to the handle's thread.
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

    /** Runs a statement returning rows ({@code SELECT}, or a change with {@code RETURNING}). */
    public <T> List<T> query(Handle handle, CompiledSql sql, Binder binder, RowMapper<T> mapper) {
        return run(handle, sql, binder, statement -> {
            List<T> rows = new ArrayList<>(1);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result, null));
                }
            }
            return rows;
        });
    }

    /**
     * The row a key-guarded statement returned, if any.
     *
     * @throws IllegalStateException when it returned several: a bug in the statement
     */
    public <T> Optional<T> queryAtMostOne(Handle handle, CompiledSql sql, Binder binder, RowMapper<T> mapper) {
        return Rows.atMostOne(query(handle, sql, binder, mapper), sql.jdbc());
    }

    /** Runs a statement without rows; returns the number of rows it changed. */
    public int update(Handle handle, CompiledSql sql, Binder binder) {
        return run(handle, sql, binder, PreparedStatement::executeUpdate);
    }

    /**
     * Runs a statement without parameters or rows, such as {@code BEGIN IMMEDIATE} or
     * {@code COMMIT}, on a statement kept like the others: for dialects that begin and end
     * transactions with statements of their own.
     */
    public static void execute(Handle handle, String sql) {
        run(handle, sql, PreparedStatement::execute);
    }

    private <T> T run(Handle handle, CompiledSql sql, Binder binder, Execution<T> execution) {
        return run(handle, sql.jdbc(), statement -> {
            binder.bind(new Params(statement, sql, dialect));
            return execution.on(statement);
        });
    }

    private static <T> T run(Handle handle, String sql, Execution<T> execution) {
        Connection connection = handle.getConnection();
        StatementBuilder builder = handle.getStatementBuilder();
        PreparedStatement statement = null;
        try {
            statement = builder instanceof CachedStatements.Lending lending
                    ? lending.lend(connection, sql)
                    : connection.prepareStatement(sql);
            return execution.on(statement);
        } catch (SQLException e) {
            throw new PlainJdbcException(sql, e);
        } finally {
            if (statement != null) {
                giveBack(builder, connection, sql, statement);
            }
        }
    }

    private static void giveBack(StatementBuilder builder, Connection connection, String sql,
                                 PreparedStatement statement) {
        try {
            if (builder instanceof CachedStatements.Lending lending) {
                lending.close(connection, sql, statement);
            } else {
                statement.close();
            }
        } catch (SQLException e) {
            throw new PlainJdbcException(sql, e);
        }
    }

    @FunctionalInterface
    private interface Execution<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /** A statement of {@link PlainJdbc} failed; {@link SqlErrors} translates it like Jdbi's failures. */
    static final class PlainJdbcException extends RuntimeException {
        PlainJdbcException(String sql, SQLException cause) {
            super(cause.getMessage() + " [statement: " + sql + "]", cause);
        }
    }
}
