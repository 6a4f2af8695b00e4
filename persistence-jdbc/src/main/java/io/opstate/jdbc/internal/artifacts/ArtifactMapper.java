package io.opstate.jdbc.internal.artifacts;

import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@link Artifact} from a row of the artifacts table. */
final class ArtifactMapper implements RowMapper<Artifact> {
    static final String COLUMNS = "id, construct_id, type, name, content_type, metadata, sha256, size, stored_size,"
            + " compression, created_at";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    ArtifactMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_artifacts", "id");
    }

    @Override
    public Artifact map(ResultSet row, StatementContext context) throws SQLException {
        String compression = row.getString("compression");
        ArtifactCompression form;
        try {
            form = ArtifactCompression.valueOf(compression);
        } catch (IllegalArgumentException e) {
            throw columns.unreadable(row, "compression", "one of " + java.util.Arrays.toString(ArtifactCompression.values()));
        }
        return new Artifact(
                row.getString("id"),
                row.getString("construct_id"),
                row.getString("type"),
                row.getString("name"),
                row.getString("content_type"),
                dialect.getJson(row, "metadata"),
                row.getString("sha256"),
                row.getLong("size"),
                row.getLong("stored_size"),
                form,
                columns.time(row, "created_at"));
    }
}
