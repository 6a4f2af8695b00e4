package io.opstate.benchmarks;

import io.opstate.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the baseline stores times and JSON, the same way OpState's dialects do: SQLite keeps
 * fixed-width ISO-8601 UTC text with six fractional digits and JSON as text; PostgreSQL keeps
 * {@code timestamptz} and {@code jsonb}.
 */
public enum RawDialect {
    SQLITE {
        @Override
        void setTime(PreparedStatement statement, NamedSql sql, String name, Instant value) throws SQLException {
            sql.setString(statement, name, value == null ? null : TIME_FORMAT.format(value));
        }

        @Override
        Instant getTime(ResultSet row, String column) throws SQLException {
            String text = row.getString(column);
            return text == null ? null : Instant.parse(text);
        }

        @Override
        String json(String name) {
            return ":" + name;
        }

        @Override
        SqlDialect library() {
            return new io.opstate.sqlite.internal.SqliteDialect();
        }
    },
    POSTGRES {
        @Override
        void setTime(PreparedStatement statement, NamedSql sql, String name, Instant value) throws SQLException {
            sql.setObject(statement, name, value == null ? null : value.atOffset(ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        Instant getTime(ResultSet row, String column) throws SQLException {
            OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant();
        }

        @Override
        String json(String name) {
            return "CAST(:" + name + " AS jsonb)";
        }

        @Override
        SqlDialect library() {
            return new io.opstate.postgres.internal.PostgresDialect();
        }
    };

    static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    abstract void setTime(PreparedStatement statement, NamedSql sql, String name, Instant value) throws SQLException;

    abstract Instant getTime(ResultSet row, String column) throws SQLException;

    /** The SQL expression that stores the JSON text bound to {@code name}. */
    abstract String json(String name);

    /** OpState's dialect of the same database, for the SQL it writes (same text): durations, claim tokens. */
    abstract SqlDialect library();
}
