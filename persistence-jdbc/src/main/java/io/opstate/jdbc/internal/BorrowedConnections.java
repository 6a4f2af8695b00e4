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
    private final StatementBuilderFactory statements;

    /**
     * @param source the data source behind a Jdbi
     * @param statements that Jdbi's statement builder factory
     *     ({@link org.jdbi.v3.core.Jdbi#getStatementBuilderFactory})
     */
    BorrowedConnections(DataSource source, StatementBuilderFactory statements) {
        this.source = source;
        this.statements = statements;
    }

    /**
     * Runs {@code work} on a borrowed connection, which goes back to the pool however the work
     * ends. A failure to borrow or return the connection leaves as a
     * {@link PlainJdbc.PlainJdbcException}, for {@link SqlErrors} to translate.
     */
    <T> T use(Function<PlainConnection, T> work) {
        try (Connection connection = source.getConnection()) {
            StatementBuilder builder = statements.createStatementBuilder(connection);
            try {
                return work.apply(new PlainConnection(connection, builder));
            } finally {
                builder.close(connection);
            }
        } catch (SQLException e) {
            throw new PlainJdbc.PlainJdbcException(e);
        }
    }
}
