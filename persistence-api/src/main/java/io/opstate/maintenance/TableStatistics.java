package io.opstate.maintenance;

/**
 * The size of one table of a store.
 *
 * @param table its name, e.g. {@code opstate_jobs} (the memory backend names its collections alike)
 * @param rows how many rows it holds, counted
 * @param bytes what it takes on disk with its indexes, or null where the backend cannot tell
 */
public record TableStatistics(String table, long rows, Long bytes) {
}
