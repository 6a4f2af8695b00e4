package io.opstate.memory.internal;

/** A secondary structure kept in step with a {@link Table}. Only called under the write lock. */
interface TableIndex<V> {
    /**
     * A row changed.
     *
     * @param before the row as it was, or null when it was inserted
     * @param after the row as it is now, or null when it was deleted
     */
    void changed(V before, V after);
}
