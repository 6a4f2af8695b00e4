package io.opstate.jdbc.internal.pipelines;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.pipelines.Pipeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Pipeline} from a row of the pipelines table. */
final class PipelineMapper implements RowMapper<Pipeline> {
    static final String COLUMNS = "name, description, config, created_at, updated_at, version";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    PipelineMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_pipelines", "name");
    }

    @Override
    public Pipeline map(ResultSet row, StatementContext context) throws SQLException {
        return new Pipeline(
                row.getString("name"),
                row.getString("description"),
                dialect.getJson(row, "config"),
                columns.time(row, "created_at"),
                columns.time(row, "updated_at"),
                row.getLong("version"));
    }
}
