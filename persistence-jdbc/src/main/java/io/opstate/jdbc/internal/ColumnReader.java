package io.opstate.jdbc.internal;

import io.opstate.UnreadableValueException;
import io.opstate.jdbc.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Reads the columns of one table whose stored text OpState parses: times and time zones. A value
 * it cannot read (a row changed by another tool) becomes an {@link UnreadableValueException}
 * naming the table, the row's key and the column, instead of a raw {@link DateTimeException}.
 * Immutable and thread-safe.
 */
public final class ColumnReader {
    private final SqlDialect dialect;
    private final String table;
    private final String keyColumn;

    /** @param keyColumn the column whose value names a row in messages: its primary key */
    public ColumnReader(SqlDialect dialect, String table, String keyColumn) {
        this.dialect = dialect;
        this.table = table;
        this.keyColumn = keyColumn;
    }

    /** A time column, as {@link SqlDialect#getTime} reads it; null for SQL NULL. */
    public Instant time(ResultSet row, String column) throws SQLException {
        try {
            return dialect.getTime(row, column);
        } catch (DateTimeException e) {
            throw unreadable(row, column, "a time OpState reads (e.g. 2026-03-01T10:15:30.123456Z, or"
                    + " YYYY-MM-DD HH:MM:SS as SQLite's datetime() writes it)");
        }
    }

    /** A time zone id column. */
    public ZoneId zone(ResultSet row, String column) throws SQLException {
        try {
            return ZoneId.of(row.getString(column));
        } catch (DateTimeException e) {
            throw unreadable(row, column, "a time zone id this JVM knows");
        }
    }

    /** The error for {@code column} of {@code row}, whose value is not {@code expected}. */
    public UnreadableValueException unreadable(ResultSet row, String column, String expected) throws SQLException {
        return new UnreadableValueException(table, row.getString(keyColumn), column, row.getString(column), expected);
    }
}
