package io.opstate.memory.internal;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.StaleVersionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The immutable rows of one aggregate by key, with the indexes kept in step. Every change is
 * recorded in the store's undo log so a failed write can be rolled back. Not thread-safe on
 * its own: callers hold the store's lock (read lock to read, write lock to change).
 *
 * @param <K> key type
 * @param <V> row type (an immutable API record)
 */
final class Table<K, V> {
    private final String entity;
    private final Function<V, K> keyOf;
    private final UndoLog undo;
    private final List<TableIndex<V>> indexes;
    private final Map<K, V> rows = new HashMap<>();

    /**
     * @param entity what {@link NotFoundException} and friends call a row, e.g. {@code "job"}
     * @param indexes kept in step with every change, in this order
     */
    Table(String entity, Function<V, K> keyOf, UndoLog undo, List<TableIndex<V>> indexes) {
        this.entity = entity;
        this.keyOf = keyOf;
        this.undo = undo;
        this.indexes = List.copyOf(indexes);
    }

    /** How many rows it holds. */
    int size() {
        return rows.size();
    }

    /** The row, or null. */
    V find(K key) {
        return rows.get(key);
    }

    /** The row; {@link NotFoundException} naming this table's entity when missing. */
    V require(K key) {
        V row = rows.get(key);
        if (row == null) {
            throw new NotFoundException(entity, String.valueOf(key));
        }
        return row;
    }

    /** The row, which must exist and be at {@code expectedVersion}, else {@link StaleVersionException}. */
    V requireVersion(K key, long expectedVersion, ToLongFunction<V> versionOf) {
        V row = require(key);
        if (versionOf.applyAsLong(row) != expectedVersion) {
            throw new StaleVersionException(entity, String.valueOf(key), expectedVersion);
        }
        return row;
    }

    /** Adds a row whose key is new, else {@link DuplicateKeyException}; returns it. */
    V insert(V row) {
        K key = keyOf.apply(row);
        if (rows.containsKey(key)) {
            throw new DuplicateKeyException(entity, String.valueOf(key));
        }
        return store(key, row);
    }

    /** Replaces the existing row with the same key; returns the new row. */
    V update(V row) {
        K key = keyOf.apply(row);
        if (!rows.containsKey(key)) {
            throw new IllegalStateException(entity + " '" + key + "' vanished under the write lock");
        }
        return store(key, row);
    }

    /** Removes the row with this key; returns whether there was one. */
    boolean delete(K key) {
        V before = rows.get(key);
        if (before == null) {
            return false;
        }
        apply(key, before, null);
        undo.record(() -> apply(key, null, before));
        return true;
    }

    /** Removes every row matching {@code filter}; returns how many. */
    int deleteWhere(Predicate<V> filter) {
        List<V> doomed = select(filter);
        doomed.forEach(row -> delete(keyOf.apply(row)));
        return doomed.size();
    }

    /** A copy of the rows matching {@code filter}, in no particular order. */
    List<V> select(Predicate<V> filter) {
        List<V> selected = new ArrayList<>();
        for (V row : rows.values()) {
            if (filter.test(row)) {
                selected.add(row);
            }
        }
        return selected;
    }

    private V store(K key, V row) {
        V before = rows.get(key);
        apply(key, before, row);
        undo.record(() -> apply(key, row, before));
        return row;
    }

    private void apply(K key, V before, V after) {
        if (after == null) {
            rows.remove(key);
        } else {
            rows.put(key, after);
        }
        for (TableIndex<V> index : indexes) {
            index.changed(before, after);
        }
    }
}
