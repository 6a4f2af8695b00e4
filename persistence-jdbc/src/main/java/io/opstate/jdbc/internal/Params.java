package io.opstate.jdbc.internal;

import io.opstate.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Binds the named parameters of one {@link CompiledSql} on its prepared statement, each value
 * with its SQL type, so a null needs no guessing by the driver. Times go through the dialect.
 * Confined to the thread running the statement.
 */
public final class Params {
    private final PreparedStatement statement;
    private final CompiledSql sql;
    private final SqlDialect dialect;
    /** Added to each position of {@code sql}: where its parameters begin in the statement. */
    private final int offset;

    Params(PreparedStatement statement, CompiledSql sql, SqlDialect dialect) {
        this(statement, sql, dialect, 0);
    }

    private Params(PreparedStatement statement, CompiledSql sql, SqlDialect dialect, int offset) {
        this.statement = statement;
        this.sql = sql;
        this.dialect = dialect;
        this.offset = offset;
    }

    /**
     * The parameters of {@code part}, a part of this statement whose own parameters begin after
     * the first {@code offset} of this statement's: one row of a multi-row statement, bound by
     * the names the row is written with, without looking up a name per row.
     */
    Params part(CompiledSql part, int offset) {
        return new Params(statement, part, dialect, this.offset + offset);
    }

    /** Text, or JSON text for a parameter stored through {@link SqlDialect#jsonParameter}. */
    public Params text(String name, String value) throws SQLException {
        for (int position : sql.positions(name)) {
            int at = position + offset;
            if (value == null) {
                statement.setNull(at, Types.VARCHAR);
            } else {
                statement.setString(at, value);
            }
        }
        return this;
    }

    public Params integer(String name, Integer value) throws SQLException {
        for (int position : sql.positions(name)) {
            int at = position + offset;
            if (value == null) {
                statement.setNull(at, Types.INTEGER);
            } else {
                statement.setInt(at, value);
            }
        }
        return this;
    }

    public Params bigint(String name, Long value) throws SQLException {
        for (int position : sql.positions(name)) {
            int at = position + offset;
            if (value == null) {
                statement.setNull(at, Types.BIGINT);
            } else {
                statement.setLong(at, value);
            }
        }
        return this;
    }

    public Params decimal(String name, Double value) throws SQLException {
        for (int position : sql.positions(name)) {
            int at = position + offset;
            if (value == null) {
                statement.setNull(at, Types.DOUBLE);
            } else {
                statement.setDouble(at, value);
            }
        }
        return this;
    }

    public Params bool(String name, boolean value) throws SQLException {
        for (int position : sql.positions(name)) {
            int at = position + offset;
            statement.setBoolean(at, value);
        }
        return this;
    }

    /** A time, stored as the dialect stores times; null is SQL NULL of the time columns' type. */
    public Params time(String name, Instant value) throws SQLException {
        for (int position : sql.positions(name)) {
            int at = position + offset;
            if (value == null) {
                statement.setNull(at, dialect.timeSqlType());
            } else {
                dialect.setTime(statement, at, value);
            }
        }
        return this;
    }

    /** Whether the statement takes parameter {@code name}, for optional bindings such as host times. */
    public boolean has(String name) {
        return sql.has(name);
    }
}
