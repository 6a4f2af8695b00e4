package io.opstate.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;

/**
 * Reader connections borrowed straight from the reader's data source, without a Jdbi handle, for
 * reads made only of {@link PlainJdbc} statements (the lookups by id). Opening and closing a
 * handle costs more Java time than such a read spends outside the database: the handle copies
 * the Jdbi configuration, notifies handle listeners and checks the transaction state on close.
 * The statement builder still comes from the reader's own factory, so statements are lent from
 * the same per-connection cache as the reader's handles use ({@link CachedStatements}).
 * Thread-safe.
 */
final class ReaderConnections {
    private final DataSource source;
    private final StatementBuilderFactory statements;

    /**
     * @param source the data source behind the reader's Jdbi
     * @param statements the reader's statement builder factory
     *     ({@link org.jdbi.v3.core.Jdbi#getStatementBuilderFactory})
     */
    ReaderConnections(DataSource source, StatementBuilderFactory statements) {
        this.source = source;
        this.statements = statements;
    }

    /**
     * Runs {@code work} on a borrowed connection, which goes back to the pool however the work
     * ends. A failure to borrow or return the connection leaves as a
     * {@link PlainJdbc.PlainJdbcException}, for {@link SqlErrors} to translate.
     */
    <T> T read(Function<PlainConnection, T> work) {
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
