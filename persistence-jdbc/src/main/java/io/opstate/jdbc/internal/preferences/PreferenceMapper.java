package io.opstate.jdbc.internal.preferences;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.preferences.Preference;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link Preference} from a row of the preferences table. */
final class PreferenceMapper implements RowMapper<Preference> {
    static final String COLUMNS = "owner, pref_key, document, version, created_at, updated_at";
    /** What the owner column holds for a preference of no one: an owner is never empty. */
    static final String NO_OWNER = "";

    private final SqlDialect dialect;
    private final ColumnReader columns;

    PreferenceMapper(SqlDialect dialect) {
        this.dialect = dialect;
        this.columns = new ColumnReader(dialect, "opstate_preferences", "pref_key");
    }

    static String stored(String owner) {
        return owner == null ? NO_OWNER : owner;
    }

    @Override
    public Preference map(ResultSet row, StatementContext context) throws SQLException {
        String owner = row.getString("owner");
        return new Preference(
                owner.equals(NO_OWNER) ? null : owner,
                row.getString("pref_key"),
                dialect.getJson(row, "document"),
                row.getLong("version"),
                columns.time(row, "created_at"),
                columns.time(row, "updated_at"));
    }
}
