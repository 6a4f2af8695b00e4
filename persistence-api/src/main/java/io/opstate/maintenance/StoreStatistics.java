package io.opstate.maintenance;

import io.opstate.artifacts.ArtifactUsage;
import java.util.List;

/**
 * What {@link io.opstate.Maintenance#statistics} measured.
 *
 * @param backend the backend's name
 * @param tables each table, in name order
 * @param databaseBytes what the whole store takes (SQLite: the file and its write-ahead log;
 *     PostgreSQL: the store's tables and indexes), or null where unknown
 * @param walBytes the write-ahead log's size (SQLite), or null where the store has none of its own
 * @param artifacts every artifact of the store, from the maintained sums
 */
public record StoreStatistics(String backend, List<TableStatistics> tables, Long databaseBytes, Long walBytes,
                              ArtifactUsage artifacts) {
    public StoreStatistics {
        tables = List.copyOf(tables);
    }

    /** Rows of every table together. */
    public long totalRows() {
        return tables.stream().mapToLong(TableStatistics::rows).sum();
    }
}
