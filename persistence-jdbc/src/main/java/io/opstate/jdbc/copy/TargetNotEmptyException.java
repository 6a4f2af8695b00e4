package io.opstate.jdbc.copy;

/**
 * A {@link StoreCopier} would not copy into a store that already holds OpState rows: merging two
 * stores could collide on keys and would break history's sequence order. Nothing was written.
 */
public class TargetNotEmptyException extends CopyRefusedException {
    private final String table;
    private final long rows;

    public TargetNotEmptyException(String table, long rows) {
        super("the target store is not empty: table " + table + " holds " + rows + " row(s); copy only into a"
                + " new, empty store (a new SQLite file, or a new PostgreSQL schema or database)");
        this.table = table;
        this.rows = rows;
    }

    /** The first table found holding rows, in copy order. */
    public String table() {
        return table;
    }

    /** How many rows it holds. */
    public long rows() {
        return rows;
    }
}
