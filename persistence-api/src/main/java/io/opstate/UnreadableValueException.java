package io.opstate;

import io.opstate.internal.UserText;

/**
 * A value stored in the database could not be read: typically a row changed by another tool (a
 * time written in a format OpState does not read, a time zone the JVM does not know). Names the
 * table, the row's key and the column, so an operator can repair the row; the store is unchanged.
 * Not the caller's input: retrying does not help until the row is fixed. There is no cause: the
 * parser's own exception would repeat the stored text unescaped.
 */
public class UnreadableValueException extends PersistenceException {
    private final String table;
    private final String rowId;
    private final String column;

    /**
     * @param value the text found, quoted in the message escaped and cut
     * @param expected what the column should hold, in words
     */
    public UnreadableValueException(String table, String rowId, String column, String value, String expected) {
        super(table + " row " + UserText.quoted(rowId) + ", column " + column + ": " + UserText.quoted(value)
                + " is not " + expected);
        this.table = table;
        this.rowId = rowId;
        this.column = column;
    }

    /** The table, e.g. {@code opstate_jobs}. */
    public String table() {
        return table;
    }

    /** The row's key (an id, a pipeline's name, a history sequence number), as text. */
    public String rowId() {
        return rowId;
    }

    /** The column, e.g. {@code created_at}. */
    public String column() {
        return column;
    }
}
