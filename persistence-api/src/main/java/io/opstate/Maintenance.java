package io.opstate;

import io.opstate.artifacts.ArtifactCheck;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.MaintenanceListener;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.StoreStatistics;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;

/**
 * Operational checks and upkeep of a store, for health endpoints, operators' tools and the
 * background maintenance runner ({@code opstate.maintenance.enabled}), and retention. Thread-safe.
 *
 * <p>The long operations ({@link #checkIntegrity}, {@link #optimize}, {@link #statistics}) report to
 * a {@link ProgressListener} after each bounded step (a check, a table) and stop between two steps
 * when their {@link Cancellation} is cancelled, with
 * {@link io.opstate.operations.OperationCancelledException}; the overloads without them neither
 * report nor stop. Every operation raises {@link StorageUnavailableException} when the store is
 * closed or its database cannot be reached.
 */
public interface Maintenance {
    /**
     * Checks that the storage answers and reports its schema version and size. Never throws for
     * an unreachable storage: reports it with {@code reachable == false}. Raises
     * {@link StorageUnavailableException} only when the store itself was closed.
     */
    Health health();

    /** {@link #checkIntegrity(ArtifactCheck, ProgressListener, Cancellation)} of every artifact blob, unobserved. */
    default IntegrityReport checkIntegrity() {
        return checkIntegrity(ArtifactCheck.full(), ProgressListener.NONE, Cancellation.none());
    }

    /**
     * Looks for damage, reading only: SQLite {@code PRAGMA integrity_check} and
     * {@code PRAGMA foreign_key_check}; PostgreSQL constraints not validated, indexes left invalid
     * and, where the {@code amcheck} extension is installed, every B-tree index of the store (else
     * reported as skipped); on every SQL backend, rows of deleted sessions and constructs left behind
     * where no foreign key guards them; and the artifacts' rows against their blobs as
     * {@code artifacts} says ({@link io.opstate.artifacts.ArtifactRepository#checkIntegrity}; a repair
     * it asks for removes old orphan blobs, nothing else is changed). What is found is reported, never
     * thrown.
     *
     * @throws InvalidInputException naming {@code artifacts}, {@code listener} or {@code cancellation} when null
     */
    IntegrityReport checkIntegrity(ArtifactCheck artifacts, ProgressListener listener, Cancellation cancellation);

    /** {@link #optimize(VacuumMode, ProgressListener, Cancellation)} as {@code opstate.maintenance.vacuum} says, unobserved. */
    default OptimizeReport optimize() {
        return optimize(ProgressListener.NONE, Cancellation.none());
    }

    /** {@link #optimize(VacuumMode, ProgressListener, Cancellation)} as {@code opstate.maintenance.vacuum} says. */
    OptimizeReport optimize(ProgressListener listener, Cancellation cancellation);

    /**
     * Refreshes the query planner's statistics and reclaims free space as {@code vacuum} says. SQLite:
     * {@code PRAGMA optimize}, then {@code PRAGMA incremental_vacuum} in bounded steps or a
     * {@code VACUUM}; PostgreSQL: {@code ANALYZE}, {@code VACUUM (ANALYZE)} or
     * {@code VACUUM (FULL, ANALYZE)} of each of the store's tables, a step each, outside any transaction.
     * Nothing changes what the store holds. The memory backend has nothing to optimise and reports so.
     *
     * @throws InvalidInputException naming {@code vacuum}, {@code listener} or {@code cancellation} when null
     * @throws IllegalStateException on a SQL backend, when called inside {@link Datastore#inTransaction}
     */
    OptimizeReport optimize(VacuumMode vacuum, ProgressListener listener, Cancellation cancellation);

    /**
     * Copies the write-ahead log into the database and empties it: SQLite
     * {@code PRAGMA wal_checkpoint(TRUNCATE)}, which waits (up to the busy timeout) for writers but
     * never for readers, so a reader still needing the log leaves it incomplete
     * ({@link CheckpointReport#complete()} false). PostgreSQL and memory stores do nothing and say so:
     * the server checkpoints by itself, and its {@code CHECKPOINT} needs rights a store's user should not have.
     *
     * @throws IllegalStateException on a SQL backend, when called inside {@link Datastore#inTransaction}
     */
    CheckpointReport checkpoint();

    /** {@link #statistics(ProgressListener, Cancellation)}, unobserved. */
    default StoreStatistics statistics() {
        return statistics(ProgressListener.NONE, Cancellation.none());
    }

    /**
     * Measures the store: rows (counted) and bytes of each table (SQLite from {@code dbstat} where the
     * library has it, else unknown per table; PostgreSQL {@code pg_total_relation_size}), the whole
     * store's and the write-ahead log's size, and the artifacts from their maintained sums. One step per table.
     *
     * @throws InvalidInputException naming {@code listener} or {@code cancellation} when null
     */
    StoreStatistics statistics(ProgressListener listener, Cancellation cancellation);

    /**
     * From now on tells {@code listener} of every maintenance operation that finishes through this
     * {@link Datastore} (integrity checks, optimisations and checkpoints called by hand, and the tasks of
     * its background runner), successful or not. Stores opened by {@link Persistence#open} support
     * it; a backend's own store, not yet wrapped by its provider, throws
     * {@link UnsupportedOperationException}.
     *
     * @throws InvalidInputException naming {@code listener} when null
     */
    default void addListener(MaintenanceListener listener) {
        throw new UnsupportedOperationException("this store does not report maintenance runs; open it with Persistence.open");
    }

    /** Stops telling {@code listener}; does nothing when it was not added. */
    default void removeListener(MaintenanceListener listener) {
        throw new UnsupportedOperationException("this store does not report maintenance runs; open it with Persistence.open");
    }

    /**
     * Removes what {@code policy} selects, or with {@link PruneMode#DRY_RUN} only counts it. The
     * kinds of rows go one after another (finished jobs, executions by age then beyond the newest
     * per schedule, history, finished sessions with their transcripts, artifacts by age then by
     * quota, constructs, tokens, resource changes), each in transactions of at most
     * {@link RetentionPolicy#batchSize()} rows, pausing after each as long as it took, so writers
     * never wait behind more than one batch. Ages
     * count back from the store's "now" read once at the start. A removed record takes what it
     * owns exactly as its own delete does (a construct: its links, sessions, transcripts,
     * artifacts and search texts; an artifact leaves its blob to the garbage collection). On
     * the same data a dry run's counts equal a real run's.
     *
     * <p>Not atomic as a whole: {@code listener} hears of each batch (operation
     * {@code retention}, step {@link io.opstate.retention.RetentionEntity#label()}); between
     * batches {@code cancellation} is looked at, and a cancelled run (or one whose listener threw)
     * raises {@link io.opstate.operations.OperationCancelledException}, the batches done before
     * staying done. Rows written while a prune runs may or may not be removed. Do not call it
     * inside {@link Datastore#inTransaction}: the batches would be one long transaction.
     *
     * @throws InvalidInputException naming {@code policy}, {@code mode}, {@code listener} or
     *     {@code cancellation} when null
     */
    RetentionReport prune(RetentionPolicy policy, PruneMode mode, ProgressListener listener, Cancellation cancellation);

    /** {@link #prune(RetentionPolicy, PruneMode, ProgressListener, Cancellation)} unobserved and not cancellable. */
    default RetentionReport prune(RetentionPolicy policy, PruneMode mode) {
        return prune(policy, mode, ProgressListener.NONE, Cancellation.none());
    }
}
