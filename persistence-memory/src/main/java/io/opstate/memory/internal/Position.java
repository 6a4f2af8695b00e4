package io.opstate.memory.internal;

import java.time.Instant;
import java.util.Comparator;

/**
 * A place in a listing's sort order: the sort time, then the tie-breaking key.
 *
 * @param <K> key type
 */
record Position<K>(Instant time, K key) {
    static <K> Comparator<Position<K>> order(KeyType<K> keyType) {
        return Comparator.<Position<K>, Instant>comparing(Position::time)
                .thenComparing(Position::key, keyType.order());
    }
}
