package io.opstate.jdbc.copy;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.ColumnReader;
import io.opstate.jdbc.internal.StoreAccess;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Copies one table: reads the source in key order through a cursor of {@code batchSize} rows and
 * writes each {@code batchSize} rows to the target in a transaction of their own, so memory stays
 * bounded by one batch whatever the table's size. Values cross as {@link ColumnKind} says.
 */
final class TableCopy {
    private final CopiedTable table;
    private final SqlDialect sourceDialect;
    private final ColumnReader sourceColumns;
    private final StoreAccess target;
    private final int batchSize;
    private final String select;
    private final String insert;

    TableCopy(CopiedTable table, SqlDialect sourceDialect, StoreAccess target, int batchSize) {
        this.table = table;
        this.sourceDialect = sourceDialect;
        this.sourceColumns = new ColumnReader(sourceDialect, table.name(), table.key().get(0));
        this.target = target;
        this.batchSize = Math.min(batchSize, table.maxBatchSize());
        this.select = "SELECT " + table.columnList() + " FROM " + table.name() + " ORDER BY " + table.keyList();
        this.insert = "INSERT INTO " + table.name() + " (" + table.columnList() + ") "
                + (table.identity() == null ? "" : target.dialect().identityOverrideClause() + " ")
                + "VALUES (" + table.columns().stream()
                        .map(c -> c.kind().parameter(c.name(), target.dialect()))
                        .collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Copies every row {@code source} sees, reporting to {@code listener} after each batch.
     *
     * @param source a handle in the source's read transaction
     * @param total the rows the table holds in that transaction, for progress reports
     * @return the rows written to the target
     */
    long copy(Handle source, long total, CopyListener listener) {
        listener.progress(table.name(), 0, total);
        long done = 0;
        List<Object[]> batch = new ArrayList<>(batchSize);
        try (ResultIterator<Object[]> rows = source.createQuery(select)
                .setFetchSize(batchSize)
                .map((row, context) -> read(row))
                .iterator()) {
            while (rows.hasNext()) {
                batch.add(rows.next());
                if (batch.size() == batchSize) {
                    done += write(batch);
                    batch.clear();
                    listener.progress(table.name(), done, total);
                }
            }
        }
        if (!batch.isEmpty()) {
            done += write(batch);
            listener.progress(table.name(), done, total);
        }
        return done;
    }

    private Object[] read(ResultSet row) throws SQLException {
        List<CopiedTable.Column> columns = table.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            CopiedTable.Column column = columns.get(i);
            try {
                values[i] = column.kind().read(row, column.name(), sourceDialect);
            } catch (DateTimeException e) {
                // A row another tool wrote: name it, rather than stop the copy with a bare parse error.
                throw sourceColumns.unreadable(row, column.name(), "a value OpState reads");
            }
        }
        return values;
    }

    private int write(List<Object[]> rows) {
        return target.write(handle -> {
            PreparedBatch batch = handle.prepareBatch(insert);
            List<CopiedTable.Column> columns = table.columns();
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    columns.get(i).kind().bind(batch, columns.get(i).name(), row[i]);
                }
                batch.add();
            }
            batch.execute();
            return rows.size();
        });
    }
}
