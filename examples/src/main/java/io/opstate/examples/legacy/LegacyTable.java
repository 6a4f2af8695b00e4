package io.opstate.examples.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one legacy table in batches of at most {@code batchSize} rows, in key order, mapping
 * each row to an OpState record; nothing here knows OpState's store.
 *
 * @param <T> the record a row becomes
 */
final class LegacyTable<T> {
    /** Turns the current row into a record; may throw {@link SQLException}. */
    @FunctionalInterface
    interface RowMapping<T> {
        T map(Row row) throws SQLException;
    }

    private final String table;
    private final String key;
    private final RowMapping<T> mapping;

    /** @param table the legacy table, read whole; @param key its primary key, for a stable order */
    LegacyTable(String table, String key, RowMapping<T> mapping) {
        this.table = table;
        this.key = key;
        this.mapping = mapping;
    }

    String name() {
        return table;
    }

    /** Hands every row, mapped, to {@code batches} in lists of at most {@code batchSize}; returns how many rows. */
    int read(Connection legacy, int batchSize, Consumer<List<T>> batches) throws SQLException {
        int rows = 0;
        List<T> batch = new ArrayList<>(batchSize);
        try (PreparedStatement select = legacy.prepareStatement("SELECT * FROM " + table + " ORDER BY " + key);
             ResultSet result = select.executeQuery()) {
            Row row = new Row(table, result);
            while (result.next()) {
                batch.add(mapping.map(row));
                rows++;
                if (batch.size() == batchSize) {
                    batches.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.accept(List.copyOf(batch));
        }
        return rows;
    }

    /** The current row of a legacy table, read by column name, SQL NULL as null. */
    static final class Row {
        private final String table;
        private final ResultSet result;

        Row(String table, ResultSet result) {
            this.table = table;
            this.result = result;
        }

        String text(String column) throws SQLException {
            return result.getString(column);
        }

        Long number(String column) throws SQLException {
            long value = result.getLong(column);
            return result.wasNull() ? null : value;
        }

        Double decimal(String column) throws SQLException {
            double value = result.getDouble(column);
            return result.wasNull() ? null : value;
        }

        /** A SQLite {@code BOOLEAN}: 0 or 1, or NULL. */
        Boolean bool(String column) throws SQLException {
            Long value = number(column);
            return value == null ? null : value != 0;
        }

        Instant time(String column) throws SQLException {
            return LegacyTimes.parse(table + "." + column, text(column));
        }
    }
}
