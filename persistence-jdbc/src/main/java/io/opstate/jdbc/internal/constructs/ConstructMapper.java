package io.opstate.jdbc.internal.constructs;

import io.opstate.constructs.Construct;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Construct} from a row of the constructs table. */
final class ConstructMapper implements RowMapper<Construct> {
    static final String COLUMNS = "id, type, status, title, metadata, created_at, updated_at, version";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    ConstructMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_constructs", "id");
    }

    @Override
    public Construct map(ResultSet row, StatementContext context) throws SQLException {
        return new Construct(
                row.getString("id"),
                row.getString("type"),
                row.getString("status"),
                row.getString("title"),
                dialect.getJson(row, "metadata"),
                columns.time(row, "created_at"),
                columns.time(row, "updated_at"),
                row.getLong("version"));
    }
}
