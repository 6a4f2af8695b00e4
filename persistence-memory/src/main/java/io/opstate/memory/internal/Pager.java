package io.opstate.memory.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Predicate;

/** Keyset paging over a {@link SortedIndex}: the page starts strictly after the cursor's position. */
final class Pager {
    private Pager() {
    }

    /** At most {@code request.limit()} rows matching {@code filter}, in the requested order, after its cursor. */
    static <K, V> Page<V> page(SortedIndex<K, V> index, Predicate<V> filter, PageRequest request) {
        NavigableMap<Position<K>, V> ordered = request.order() == SortOrder.OLDEST_FIRST
                ? index.ascending()
                : index.ascending().descendingMap();
        if (request.cursor() != null) {
            ordered = ordered.tailMap(index.decode(request.cursor()), false);
        }
        List<V> items = new ArrayList<>();
        for (V row : ordered.values()) {
            if (!filter.test(row)) {
                continue;
            }
            if (items.size() == request.limit()) {
                return new Page<>(items, index.cursorOf(items.get(items.size() - 1)));
            }
            items.add(row);
        }
        return new Page<>(items, null);
    }
}
