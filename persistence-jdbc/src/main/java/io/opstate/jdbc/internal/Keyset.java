package io.opstate.jdbc.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.core.PageCursor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Keyset paging along a (time, key) sort key, shared by every listing. The cursor is the last
 * item's time and key ({@link PageCursor}); the next page starts strictly after it, so a page
 * costs the same at any depth and is stable under concurrent inserts. {@code NEWEST_FIRST}
 * sorts both columns descending. One extra row is read to tell whether a page follows. Pages run
 * as plain statements ({@link PlainJdbc}): a page is read far more often than its SQL changes,
 * and Jdbi's per-statement work (configuration copy, SQL parsing, argument lookup, result
 * iteration) cost as much client time on PostgreSQL as decoding the 100 rows.
 *
 * @param <T> the record listed
 */
public final class Keyset<T> {
    private final String timeColumn;
    private final String keyColumn;
    private final boolean numericKey;
    private final Function<T, Instant> timeOf;
    private final Function<T, String> keyOf;

    /**
     * @param numericKey whether the key column is an integer (compared numerically) rather than text
     */
    public Keyset(String timeColumn, String keyColumn, boolean numericKey, Function<T, Instant> timeOf,
                  Function<T, String> keyOf) {
        this.timeColumn = timeColumn;
        this.keyColumn = keyColumn;
        this.numericKey = numericKey;
        this.timeOf = timeOf;
        this.keyOf = keyOf;
    }

    /**
     * Reads one page on {@code connection}.
     *
     * @param select {@code SELECT <columns> FROM <table>}, without WHERE
     * @param filter the listing's restrictions; the cursor condition is added to it
     */
    public Page<T> page(JdbcContext context, PlainConnection connection, String select, Filter filter,
                        PageRequest request, RowMapper<T> mapper) {
        PageCursor cursor = PageCursor.decode(request.cursor());
        boolean descending = request.order() != SortOrder.OLDEST_FIRST;
        if (cursor != null) {
            Object key = numericKey ? (Object) Long.valueOf(cursor.key()) : cursor.key();
            filter.where("(" + timeColumn + ", " + keyColumn + ") " + (descending ? "<" : ">")
                    + " (:cursorTime, :cursorKey)", Map.of("cursorTime", cursor.time(), "cursorKey", key));
        }
        String direction = descending ? " DESC" : "";
        CompiledSql sql = context.compile(select + filter.sql() + " ORDER BY " + timeColumn + direction + ", "
                + keyColumn + direction + " LIMIT :pageLimit");
        List<T> rows = context.jdbc().query(connection, sql,
                params -> filter.bind(params).integer("pageLimit", request.limit() + 1), mapper);
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, request.limit());
        T last = items.get(items.size() - 1);
        return new Page<>(items, PageCursor.encode(timeOf.apply(last), keyOf.apply(last)));
    }
}
