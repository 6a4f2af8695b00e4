package io.opstate.jdbc;

/**
 * How a dialect follows the history log in commit-safe order
 * ({@link io.opstate.history.HistoryRepository#appendedAfter}): SQL fragments over
 * {@code opstate_history}, with the parameters {@code :transaction} and {@code :id} of the
 * follower's position.
 *
 * @param after the condition for events after the position
 * @param order the {@code ORDER BY} list of follow order
 * @param transaction an expression reading the event's follow transaction as a bigint
 * @param settled the condition for events no transaction still running can precede; null when
 *     every committed event is settled (one writer at a time: ids follow commit order)
 */
public record HistoryFollowing(String after, String order, String transaction, String settled) {
    /** Follow by id alone, for a database whose ids follow commit order; positions' transaction is always 0. */
    public static final HistoryFollowing BY_ID = new HistoryFollowing(":transaction = 0 AND id > :id", "id", "0", null);
}
