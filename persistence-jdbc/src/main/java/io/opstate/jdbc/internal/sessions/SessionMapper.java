package io.opstate.jdbc.internal.sessions;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.sessions.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Session} from a row of the sessions table. */
final class SessionMapper implements RowMapper<Session> {
    static final String COLUMNS = "id, construct_id, status, started_at, ended_at, metrics, state_version,"
            + " last_sequence, created_at, updated_at, version";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    SessionMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_sessions", "id");
    }

    @Override
    public Session map(ResultSet row, StatementContext context) throws SQLException {
        return new Session(
                row.getString("id"),
                row.getString("construct_id"),
                row.getString("status"),
                columns.time(row, "started_at"),
                columns.time(row, "ended_at"),
                dialect.getJson(row, "metrics"),
                row.getLong("state_version"),
                row.getLong("last_sequence"),
                columns.time(row, "created_at"),
                columns.time(row, "updated_at"),
                row.getLong("version"));
    }
}
