package io.opstate.jdbc.internal.schedules;

import io.opstate.jdbc.SqlDialect;
import io.opstate.schedules.Schedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Schedule} from a row of the schedules table; the zone is stored as its id. */
final class ScheduleMapper implements RowMapper<Schedule> {
    static final String COLUMNS = "id, name, pipeline, cron_expression, time_zone, enabled, next_run_at,"
            + " last_run_at, last_result, created_at, updated_at, version";

    private final SqlDialect dialect;

    ScheduleMapper(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public Schedule map(ResultSet row, StatementContext context) throws SQLException {
        return new Schedule(
                row.getString("id"),
                row.getString("name"),
                row.getString("pipeline"),
                row.getString("cron_expression"),
                ZoneId.of(row.getString("time_zone")),
                row.getBoolean("enabled"),
                dialect.getTime(row, "next_run_at"),
                dialect.getTime(row, "last_run_at"),
                row.getString("last_result"),
                dialect.getTime(row, "created_at"),
                dialect.getTime(row, "updated_at"),
                row.getLong("version"));
    }
}
