package io.opstate.jdbc.internal.sessions;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.sessions.Checkpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a {@link Checkpoint} from a row holding the checkpoint columns, possibly of an outer join
 * that found none: then empty.
 */
final class CheckpointMapper implements RowMapper<Optional<Checkpoint>> {
    /** The columns, of a checkpoints table aliased {@code c}. */
    static final String COLUMNS = "c.session_id, c.version, c.state, c.saved_at";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    CheckpointMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_session_checkpoints", "session_id");
    }

    @Override
    public Optional<Checkpoint> map(ResultSet row, StatementContext context) throws SQLException {
        String sessionId = row.getString("session_id");
        if (sessionId == null) {
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(sessionId, row.getLong("version"), dialect.getJson(row, "state"),
                columns.time(row, "saved_at")));
    }
}
