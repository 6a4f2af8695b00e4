package io.opstate.memory.internal;

import io.opstate.core.PageCursor;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rows in (time, key) order, for keyset paging and time-ordered scans.
 *
 * @param <K> tie-breaking key type
 * @param <V> row type
 */
final class SortedIndex<K, V> implements TableIndex<V> {
    private final KeyType<K> keyType;
    private final Function<V, Position<K>> positionOf;
    private final NavigableMap<Position<K>, V> rows;

    /**
     * @param positionOf where a row sorts; null leaves the row out of the index
     */
    SortedIndex(KeyType<K> keyType, Function<V, Position<K>> positionOf) {
        this.keyType = keyType;
        this.positionOf = positionOf;
        this.rows = new TreeMap<>(Position.order(keyType));
    }

    @Override
    public void changed(V before, V after) {
        Position<K> old = before == null ? null : positionOf.apply(before);
        if (old != null) {
            rows.remove(old);
        }
        Position<K> now = after == null ? null : positionOf.apply(after);
        if (now != null) {
            rows.put(now, after);
        }
    }

    /** The indexed rows, ascending; read-only. */
    NavigableMap<Position<K>, V> ascending() {
        return Collections.unmodifiableNavigableMap(rows);
    }

    Position<K> positionOf(V row) {
        return positionOf.apply(row);
    }

    /** The cursor token of a row's position. */
    String cursorOf(V row) {
        Position<K> position = positionOf.apply(row);
        return PageCursor.encode(position.time(), keyType.format(position.key()));
    }

    /** The position a cursor token names. */
    Position<K> decode(String token) {
        PageCursor cursor = PageCursor.decode(token);
        return new Position<>(cursor.time(), keyType.parse(cursor.key()));
    }
}
