package io.opstate.jdbc.copy;

import java.util.List;

/**
 * What a {@link StoreCopier} copied and verified: one entry per table, in copy order.
 *
 * @param tables the row counts of each table
 */
public record CopyReport(List<TableCount> tables) {
    public CopyReport {
        tables = List.copyOf(tables);
    }

    /** Rows copied in all tables together. */
    public long totalRows() {
        return tables.stream().mapToLong(TableCount::targetRows).sum();
    }

    /**
     * The verified counts of one table.
     *
     * @param table the table, e.g. {@code history}
     * @param sourceRows rows in the source when the copy read it
     * @param targetRows rows in the target after the copy; equal to {@code sourceRows}, else the copy failed
     */
    public record TableCount(String table, long sourceRows, long targetRows) {
    }
}
