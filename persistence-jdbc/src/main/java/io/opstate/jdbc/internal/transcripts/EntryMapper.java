package io.opstate.jdbc.internal.transcripts;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.transcripts.TranscriptEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link TranscriptEntry} from a row of the entries table aliased {@code e}. */
final class EntryMapper implements RowMapper<TranscriptEntry> {
    static final String COLUMNS = "e.session_id, e.sequence, e.role, e.content, e.data, e.created_at";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    EntryMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_transcript_entries", "session_id");
    }

    @Override
    public TranscriptEntry map(ResultSet row, StatementContext context) throws SQLException {
        return new TranscriptEntry(row.getString("session_id"), row.getLong("sequence"), row.getString("role"),
                row.getString("content"), dialect.getJson(row, "data"), columns.time(row, "created_at"));
    }
}
