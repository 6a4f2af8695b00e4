package io.opstate.jdbc.internal;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * One caller's write in {@link GroupCommit} and, once done, its result or failure. The result or
 * failure is written by the thread committing it and read by its caller after {@code done} is set
 * under {@link GroupCommit}'s lock; {@code queued} (waiting in the queue), {@code alone} (queued
 * again to run in a transaction of its own) and {@code done} are read and written only under that
 * lock; {@code again} only by the committing thread.
 */
final class PendingWrite<T> {
    /** What becomes of a write whose batch did not settle it. */
    enum Again {
        /** Nothing: it is done. */
        NO,
        /** Its batch failed because a write of it did: it runs again in a transaction of its own. */
        ALONE,
        /** Its batch's wait was cut short by another write's deadline: it queues again as it was. */
        WITH_OTHERS
    }

    final MultiRowWrite<?, ?> kind;
    final Object input;
    final Deadline deadline;
    /** The thread that waits for the write's outcome: the thread that created it. */
    final Thread caller = Thread.currentThread();
    boolean queued;
    boolean alone;
    Again again = Again.NO;
    /** How often it ran again because the server aborted its transaction for a conflict. */
    int conflictRetries;
    /** Whether the write is in a batch not yet settled; its caller waits for this to turn false. */
    volatile boolean inBatch;
    /** Set when its batch is settled: the caller helps wake the batch's other callers. */
    BatchWakeup wakeup;
    volatile boolean done;
    private final HandleCallback<T, RuntimeException> work;
    private final Function<PlainConnection, T> plainWork;
    private T result;
    private Throwable failure;
    private boolean settled;

    /**
     * @param work the write on a handle, or null when {@code plainWork} is given
     * @param plainWork the write on a connection without a handle, or null
     * @param kind with {@code input}: the write can share a statement with others of its kind; else null
     * @param deadline when its caller's waits end
     */
    PendingWrite(HandleCallback<T, RuntimeException> work, Function<PlainConnection, T> plainWork,
                 MultiRowWrite<?, ?> kind, Object input, Deadline deadline) {
        this.work = work;
        this.plainWork = plainWork;
        this.kind = kind;
        this.input = input;
        this.deadline = deadline;
    }

    /** Whether the write runs without a Jdbi handle. */
    boolean plain() {
        return plainWork != null;
    }

    /**
     * Runs the work in the transaction of {@code connection}; its result counts only once that
     * transaction commits.
     *
     * @param handle the transaction's handle, null when the write is plain and runs without one
     */
    T apply(Handle handle, PlainConnection connection) {
        result = plainWork != null ? plainWork.apply(connection) : work.withHandle(handle);
        return result;
    }

    /** Sets the result of a write that ran in one statement with others of its kind. */
    @SuppressWarnings("unchecked")
    void resultOfStatement(Object rowResult) {
        result = (T) rowResult;
    }

    void committed() {
        settled = true;
    }

    void fail(Throwable cause) {
        result = null;
        failure = cause;
        settled = true;
    }

    void failIfOpen(Throwable cause) {
        if (!settled) {
            fail(cause);
        }
    }

    T outcome() {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return result;
    }
}
