package io.opstate.jdbc.internal.constructs;

import io.opstate.constructs.ConstructLink;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link ConstructLink} from a row of the construct links table. */
final class ConstructLinkMapper implements RowMapper<ConstructLink> {
    static final String COLUMNS = "from_id, type, to_id, metadata, created_at";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    ConstructLinkMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_construct_links", "from_id");
    }

    @Override
    public ConstructLink map(ResultSet row, StatementContext context) throws SQLException {
        return new ConstructLink(
                row.getString("from_id"),
                row.getString("type"),
                row.getString("to_id"),
                dialect.getJson(row, "metadata"),
                columns.time(row, "created_at"));
    }
}
