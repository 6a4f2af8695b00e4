package io.opstate;

/** Operational checks of a store, for health endpoints and metrics. Thread-safe. */
public interface Maintenance {
    /**
     * Checks that the storage answers and reports its schema version and size. Never throws for
     * an unreachable storage: reports it with {@code reachable == false}. Raises
     * {@link StorageUnavailableException} only when the store itself was closed.
     */
    Health health();
}
