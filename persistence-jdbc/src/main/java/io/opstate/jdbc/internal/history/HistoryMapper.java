package io.opstate.jdbc.internal.history;

import io.opstate.history.HistoryEvent;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link HistoryEvent} from a row of the history table. */
final class HistoryMapper implements RowMapper<HistoryEvent> {
    static final String COLUMNS = "id, event, subject_id, metadata, occurred_at";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    HistoryMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_history", "id");
    }

    @Override
    public HistoryEvent map(ResultSet row, StatementContext context) throws SQLException {
        return new HistoryEvent(
                row.getLong("id"),
                row.getString("event"),
                row.getString("subject_id"),
                dialect.getJson(row, "metadata"),
                columns.time(row, "occurred_at"));
    }
}
