package io.opstate.jdbc.internal.schedules;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.schedules.Schedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Schedule} from a row of the schedules table; the zone is stored as its id. */
final class ScheduleMapper implements RowMapper<Schedule> {
    static final String COLUMNS = "id, name, pipeline, cron_expression, time_zone, enabled, next_run_at,"
            + " last_run_at, last_result, created_at, updated_at, version";

    private final ColumnReader columns;

    ScheduleMapper(SqlDialect dialect) {
        this.columns = new ColumnReader(dialect, "opstate_schedules", "id");
    }

    @Override
    public Schedule map(ResultSet row, StatementContext context) throws SQLException {
        return new Schedule(
                row.getString("id"),
                row.getString("name"),
                row.getString("pipeline"),
                row.getString("cron_expression"),
                columns.zone(row, "time_zone"),
                row.getBoolean("enabled"),
                columns.time(row, "next_run_at"),
                columns.time(row, "last_run_at"),
                row.getString("last_result"),
                columns.time(row, "created_at"),
                columns.time(row, "updated_at"),
                row.getLong("version"));
    }
}
