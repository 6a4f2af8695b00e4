package io.opstate.jdbc.internal;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A kind of write that several callers' writes can share one statement for, such as a
 * multi-row {@code INSERT}: when {@link GroupCommit} finds writes of one kind next to each other
 * in a batch, it runs them with one call instead of one statement each. Implementations are
 * stateless and thread-safe.
 *
 * @param <I> what one caller writes
 * @param <R> what that caller gets back
 */
public interface MultiRowWrite<I, R> {
    /**
     * Writes every input in one go, on {@code handle}, inside the caller's transaction.
     *
     * @param inputs one or more, at most {@link Database#MAX_WRITES_PER_COMMIT}
     * @return one result per input, in the order of {@code inputs}
     */
    List<R> writeAll(Handle handle, List<I> inputs);
}
