package io.opstate.jdbc.copy;

import io.opstate.PersistenceException;

/**
 * After copying, a table of the target did not hold as many rows as the source: something else
 * wrote to the target, or rows were lost. The target holds a partial or mixed copy: do not use
 * it; empty or recreate it and copy again.
 */
public class CopyVerificationException extends PersistenceException {
    private final String table;
    private final long expected;
    private final long actual;

    public CopyVerificationException(String table, long expected, long actual) {
        super("verification failed: table " + table + " holds " + actual + " row(s) in the target but "
                + expected + " in the source; do not use the target: empty or recreate it, stop every writer,"
                + " and copy again");
        this.table = table;
        this.expected = expected;
        this.actual = actual;
    }

    /** The table whose counts differ. */
    public String table() {
        return table;
    }

    /** Rows in the source. */
    public long expected() {
        return expected;
    }

    /** Rows in the target. */
    public long actual() {
        return actual;
    }
}
