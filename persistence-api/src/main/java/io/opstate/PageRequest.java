package io.opstate;

/**
 * Which page of a listing to read: at most {@code limit} items after {@code cursor} (a token
 * from {@link Page#nextCursor()}, or null for the first page), in {@code order}.
 *
 * <p>Paging is by keyset, not offset: a page is stable under concurrent inserts and deletes of
 * other rows, and costs the same at any depth. A cursor is only valid with the same query and
 * order that produced it. Cursors may come back from untrusted clients: one that no page returned
 * (garbage, forged, too long, holding a NUL) is refused with
 * {@link InvalidInputException} naming {@code cursor}, the same on every backend, when the request
 * is used. Built without checks: a bad limit is refused when used too, naming {@code limit}.
 *
 * @param limit 1..{@value #MAX_LIMIT}
 * @param cursor null for the first page
 * @param order newest first unless said otherwise
 */
public record PageRequest(int limit, String cursor, SortOrder order) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    /** The first page, newest first. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null, SortOrder.NEWEST_FIRST);
    }

    /** The first page of {@value #DEFAULT_LIMIT}, newest first. */
    public static PageRequest first() {
        return first(DEFAULT_LIMIT);
    }

    /** The same request in the other order (from the first page). */
    public PageRequest oldestFirst() {
        return new PageRequest(limit, null, SortOrder.OLDEST_FIRST);
    }

    /** The page after the given cursor, with the same limit and order. */
    public PageRequest after(String nextCursor) {
        return new PageRequest(limit, nextCursor, order);
    }
}
