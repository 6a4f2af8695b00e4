package io.opstate.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;

/**
 * Connections borrowed straight from a data source, without a Jdbi handle, for work made only of
 * {@link PlainJdbc} statements: lookups by id on the reader, and the hot single writes on the
 * writer ({@link Database#writePlain}). Opening and closing a handle costs more Java time than
 * such work spends outside the database: the handle copies the Jdbi configuration, notifies
 * handle listeners and checks the transaction state on close. The statement builder still comes
 * from the same Jdbi's factory, so statements are lent from the same per-connection cache as its
 * handles use ({@link CachedStatements}). Thread-safe.
 */
final class BorrowedConnections {
    private final DataSource source;
    private final PoolWait pool;
    private final StatementBuilderFactory statements;

    /**
     * @param source the data source behind a Jdbi
     * @param statements that Jdbi's statement builder factory
     *     ({@link org.jdbi.v3.core.Jdbi#getStatementBuilderFactory})
     */
    BorrowedConnections(DataSource source, StatementBuilderFactory statements) {
        this.source = source;
        this.pool = PoolWait.of(source);
        this.statements = statements;
    }

    /**
     * Runs {@code work} on a borrowed connection, which goes back to the pool however the work
     * ends; the connection is waited for as long as the pool's own timeout. A failure to borrow or
     * return the connection leaves as a {@link PlainJdbc.PlainJdbcException}, for
     * {@link SqlErrors} to translate.
     */
    <T> T use(Function<PlainConnection, T> work) {
        try {
            return use(source.getConnection(), work);
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
    }

    /** Like {@link #use(Function)}, waiting at most {@code timeoutMillis} for the connection ({@link PoolWait}). */
    <T> T use(long timeoutMillis, Function<PlainConnection, T> work) {
        try {
            return use(pool.borrow(timeoutMillis), work);
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
    }

    private <T> T use(Connection borrowed, Function<PlainConnection, T> work) throws SQLException {
        try (Connection connection = borrowed) {
            StatementBuilder builder = statements.createStatementBuilder(connection);
            try {
                return work.apply(new PlainConnection(connection, builder));
            } finally {
                builder.close(connection);
            }
        }
    }
}
