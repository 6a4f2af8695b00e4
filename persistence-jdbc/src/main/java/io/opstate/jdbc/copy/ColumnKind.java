package io.opstate.jdbc.copy;

import io.opstate.jdbc.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * How one column's values are read from a source row and bound for the target, so that a value
 * crosses products unchanged: times and JSON through each side's {@link SqlDialect}, everything
 * else through plain JDBC types both products share.
 */
enum ColumnKind {
    TEXT(String.class) {
        @Override
        Object read(ResultSet row, String column, SqlDialect dialect) throws SQLException {
            return row.getString(column);
        }
    },
    INTEGER(Long.class) {
        @Override
        Object read(ResultSet row, String column, SqlDialect dialect) throws SQLException {
            long value = row.getLong(column);
            return row.wasNull() ? null : value;
        }
    },
    REAL(Double.class) {
        @Override
        Object read(ResultSet row, String column, SqlDialect dialect) throws SQLException {
            double value = row.getDouble(column);
            return row.wasNull() ? null : value;
        }
    },
    /** SQLite {@code INTEGER} 0/1, PostgreSQL {@code boolean}. */
    BOOLEAN(Boolean.class) {
        @Override
        Object read(ResultSet row, String column, SqlDialect dialect) throws SQLException {
            boolean value = row.getBoolean(column);
            return row.wasNull() ? null : value;
        }
    },
    /** Bound as {@link Instant}, which the store's Jdbi binds with the target's {@link SqlDialect#setTime}. */
    TIME(Instant.class) {
        @Override
        Object read(ResultSet row, String column, SqlDialect dialect) throws SQLException {
            return dialect.getTime(row, column);
        }
    },
    /** SQLite {@code BLOB}, PostgreSQL {@code bytea}: an artifact blob's chunk, up to 1 MiB. */
    BYTES(byte[].class) {
        @Override
        Object read(ResultSet row, String column, SqlDialect dialect) throws SQLException {
            return row.getBytes(column);
        }
    },
    /** Read as JSON text; stored through the target's {@link SqlDialect#jsonParameter}. */
    JSON(String.class) {
        @Override
        Object read(ResultSet row, String column, SqlDialect dialect) throws SQLException {
            return dialect.getJson(row, column);
        }

        @Override
        String parameter(String name, SqlDialect target) {
            return target.jsonParameter(name);
        }
    };

    private final Class<?> type;

    ColumnKind(Class<?> type) {
        this.type = type;
    }

    /** The value of {@code column} in the current row, read as the source dialect stores it; null for SQL NULL. */
    abstract Object read(ResultSet row, String column, SqlDialect source) throws SQLException;

    /** The SQL expression storing named parameter {@code name} in a column of this kind on the target. */
    String parameter(String name, SqlDialect target) {
        return ":" + name;
    }

    /** Binds a value {@link #read} returned (null included, typed so every driver accepts it). */
    void bind(PreparedBatch batch, String name, Object value) {
        batch.bindByType(name, value, type);
    }
}
