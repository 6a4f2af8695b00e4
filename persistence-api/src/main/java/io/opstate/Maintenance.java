package io.opstate;

import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;

/** Operational checks of a store, for health endpoints and metrics, and retention. Thread-safe. */
public interface Maintenance {
    /**
     * Checks that the storage answers and reports its schema version and size. Never throws for
     * an unreachable storage: reports it with {@code reachable == false}. Raises
     * {@link StorageUnavailableException} only when the store itself was closed.
     */
    Health health();

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
