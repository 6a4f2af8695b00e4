package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Job} from a row of {@link JobSql#COLUMNS}. */
final class JobMapper implements RowMapper<Job> {
    private final SqlDialect dialect;
    private final ColumnReader columns;

    JobMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_jobs", "id");
    }

    @Override
    public Job map(ResultSet row, StatementContext context) throws SQLException {
        return new Job(
                row.getString("id"),
                row.getString("type"),
                JobStatus.parse(row.getString("status")),
                row.getString("stage"),
                Rows.nullableDouble(row, "progress"),
                row.getLong("bytes_done"),
                Rows.nullableLong(row, "bytes_total"),
                row.getString("message"),
                dialect.getJson(row, "payload"),
                dialect.getJson(row, "result"),
                row.getString("error"),
                row.getString("error_detail"),
                row.getInt("attempts"),
                row.getInt("max_attempts"),
                row.getInt("priority"),
                columns.time(row, "created_at"),
                columns.time(row, "updated_at"),
                columns.time(row, "started_at"),
                columns.time(row, "finished_at"),
                columns.time(row, "not_before"),
                row.getString("worker_id"),
                columns.time(row, "lease_expires_at"),
                row.getLong("claim_token"),
                row.getLong("version"),
                row.getString("dedup_key"));
    }
}
