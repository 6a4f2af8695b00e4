package io.opstate.jdbc.internal.executions;

import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionStatus;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.jdbc.internal.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@link Execution} from a row of the executions table. */
final class ExecutionMapper implements RowMapper<Execution> {
    static final String COLUMNS = "id, schedule_id, job_id, pipeline, status, started_at, ended_at, duration_millis,"
            + " error, context, steps, triggered_by, version";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    ExecutionMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_executions", "id");
    }

    @Override
    public Execution map(ResultSet row, StatementContext context) throws SQLException {
        return new Execution(
                row.getString("id"),
                row.getString("schedule_id"),
                row.getString("job_id"),
                row.getString("pipeline"),
                ExecutionStatus.parse(row.getString("status")),
                columns.time(row, "started_at"),
                columns.time(row, "ended_at"),
                Rows.nullableLong(row, "duration_millis"),
                row.getString("error"),
                dialect.getJson(row, "context"),
                dialect.getJson(row, "steps"),
                row.getString("triggered_by"),
                row.getLong("version"));
    }
}
