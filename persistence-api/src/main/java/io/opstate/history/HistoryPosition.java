package io.opstate.history;

/**
 * Where a follower of the history log stands: after every event it has read
 * ({@link HistoryRepository#appendedAfter}). Keep the position an answer handed back and pass it
 * to the next call; build one only as {@link #START}. On PostgreSQL events are followed in the
 * order of the transactions that appended them, then by id, and {@code transaction} records that
 * order; on SQLite and memory it is always 0 and the log is followed by id alone.
 *
 * @param transaction the follow order of the transaction that appended the last event read (0 or more)
 * @param id the id of the last event read (0 or more)
 */
public record HistoryPosition(long transaction, long id) {
    /** Before the first event. */
    public static final HistoryPosition START = new HistoryPosition(0, 0);
}
