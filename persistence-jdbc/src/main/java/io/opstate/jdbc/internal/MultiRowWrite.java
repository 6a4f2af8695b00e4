package io.opstate.jdbc.internal;

import java.util.List;

/**
 * A kind of write that several callers' writes can share one statement for, such as a
 * multi-row {@code INSERT} ({@link MultiRowInsert}) or a guarded multi-row {@code UPDATE}
 * ({@link MultiRowUpdate}): when {@link GroupCommit} finds several writes of one kind in a batch,
 * it runs them with one call instead of one statement each. Implementations are stateless and
 * thread-safe.
 *
 * @param <I> what one caller writes
 * @param <R> what that caller gets back
 */
public interface MultiRowWrite<I, R> {
    /** One caller's input, stamped with the time of its call: rows written together keep their own times. */
    record Row<V>(V value, StoreTime.Stamp now) {
    }

    /**
     * Writes every input in one go, on {@code connection}, inside the caller's transaction.
     *
     * @param inputs one or more, at most {@link Database#MAX_WRITES_PER_COMMIT}
     * @return one result per input, in the order of {@code inputs}
     */
    List<R> writeAll(PlainConnection connection, List<I> inputs);
}
