package io.opstate.jdbc.internal.resources;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.resources.Resource;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Resource} from a row of the resources table; owner '' is no owner. */
final class ResourceMapper implements RowMapper<Resource> {
    static final String COLUMNS =
            "id, kind, name, owner, spec, status, status_detail, labels, created_at, updated_at, version";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    ResourceMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_resources", "id");
    }

    @Override
    public Resource map(ResultSet row, StatementContext context) throws SQLException {
        String owner = row.getString("owner");
        return new Resource(
                row.getString("id"),
                row.getString("kind"),
                row.getString("name"),
                owner.isEmpty() ? null : owner,
                dialect.getJson(row, "spec"),
                row.getString("status"),
                dialect.getJson(row, "status_detail"),
                LabelsJson.read(row.getString("id"), dialect.getJson(row, "labels")),
                columns.time(row, "created_at"),
                columns.time(row, "updated_at"),
                row.getLong("version"));
    }
}
