package io.opstate.jdbc.internal;

import io.opstate.NotFoundException;
import io.opstate.PersistenceException;
import io.opstate.StaleVersionException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Checks shared by every repository on the rows a statement touched, and nullable column reads. */
public final class Rows {
    private Rows() {
    }

    /**
     * The single row a key-guarded statement returned, or empty when it matched none.
     *
     * @throws IllegalStateException when it returned several: a bug in the statement, not a condition to handle
     */
    public static <T> Optional<T> atMostOne(List<T> rows, String statement) {
        if (rows.size() > 1) {
            throw new IllegalStateException("bug: " + statement + " touched " + rows.size()
                    + " rows where its key allows at most one");
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Why a version-guarded update matched no row: the record is missing, or its version moved on. */
    public static PersistenceException versionMismatch(boolean exists, String entity, String id, long expectedVersion) {
        return exists ? new StaleVersionException(entity, id, expectedVersion) : new NotFoundException(entity, id);
    }

    /** An integer column that may be NULL. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** A floating-point column that may be NULL. */
    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
