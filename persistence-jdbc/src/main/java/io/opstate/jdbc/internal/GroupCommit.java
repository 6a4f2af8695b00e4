package io.opstate.jdbc.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * Combines single writes that arrive at the same time into one transaction, so that one commit
 * (and on a durable store one fsync) covers many callers, and every caller still returns only
 * after the transaction holding its write has committed.
 *
 * <p>Leader and followers: a caller queues its write; if fewer than {@code committers} batches
 * are running it becomes a committer, takes everything queued (up to {@code maxBatch}) and runs
 * it in one transaction; otherwise it waits, and the next committer takes its write along. Alone,
 * a write is its own batch, so a single thread pays nothing extra. When the last batch was shared,
 * a new committer first waits briefly for that many writers to queue again ({@link #gather}).
 *
 * <p>Failure stays with its own write. The batch runs without savepoints (which cost a round trip
 * each on a server database); when a write of a batch throws, the whole transaction is rolled
 * back and each write of the batch runs again alone, in its own transaction, in the same order,
 * so the one that fails fails by itself and the others commit as if never grouped. A failure to
 * begin or commit the batch is every member's failure (a failed commit's outcome is unknown to
 * all of them). Writes are ordinary repository work: they only touch the handle or connection
 * they are given and may run twice, on another thread than their caller's.
 *
 * <p>A batch made only of plain writes ({@link #writePlain} and the {@link MultiRowWrite} kinds,
 * which run {@link PlainJdbc} statements) runs on a writer connection borrowed without a Jdbi
 * handle; a batch with any write that needs a handle runs on one, the plain writes on its
 * connection.
 */
final class GroupCommit {
    /** The longest a committer waits for writers to queue up, however slow commits are. */
    private static final long MAX_GATHER_NANOS = 2_000_000;

    /** Runs work in one new transaction on the writer and commits it. */
    interface TransactionRunner {
        /** On a Jdbi handle; the work gets the handle and its connection as a plain one. */
        <T> T inNewTransaction(BiFunction<Handle, PlainConnection, T> work);

        /** On a writer connection borrowed without a handle. */
        <T> T inNewPlainTransaction(Function<PlainConnection, T> work);
    }

    private final TransactionRunner transactions;
    private final int committers;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<PendingWrite<?>> queue = new ArrayDeque<>();
    private int running;
    private int lastBatchSize = 1;
    private long transactionNanos;

    /**
     * @param committers how many batches may run at once: 1 for a database with one writer connection
     * @param maxBatch the most writes one transaction takes
     */
    GroupCommit(TransactionRunner transactions, int committers, int maxBatch) {
        if (committers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("committers and maxBatch must be positive");
        }
        this.transactions = transactions;
        this.committers = committers;
        this.maxBatch = maxBatch;
    }

    /** Runs {@code work} in a committed transaction, possibly shared; rethrows its own failure. */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        return submit(new PendingWrite<>(work, null, null, null));
    }

    /** Like {@link #write(HandleCallback)}, for work made only of {@link PlainJdbc} statements. */
    <T> T writePlain(Function<PlainConnection, T> work) {
        return submit(new PendingWrite<>(null, work, null, null));
    }

    /**
     * Writes {@code input} as {@code kind} says, in a committed transaction, possibly shared, and
     * possibly in one statement with other callers' writes of the same kind.
     */
    <I, R> R write(MultiRowWrite<I, R> kind, I input) {
        return submit(new PendingWrite<>(null, connection -> kind.writeAll(connection, List.of(input)).get(0), kind,
                input));
    }

    private <T> T submit(PendingWrite<T> write) {
        lock.lock();
        try {
            queue.addLast(write);
            arrived.signal();
            while (!write.done) {
                if (running < committers && !queue.isEmpty()) {
                    commitNextBatch();
                } else {
                    finished.awaitUninterruptibly(); // our write is queued behind a running batch, or in it
                }
            }
            return write.outcome();
        } finally {
            lock.unlock();
        }
    }

    /** How many writes wait for a committer; for tests. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock; releases it while gathering and while the batch runs. */
    private void commitNextBatch() {
        running++;
        gather();
        List<PendingWrite<?>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (!queue.isEmpty() && batch.size() < maxBatch) {
            batch.add(queue.pollFirst());
        }
        long started = System.nanoTime();
        lock.unlock();
        try {
            if (!batch.isEmpty()) { // another committer may have taken the queue while this one gathered
                run(batch);
            }
        } catch (RuntimeException | Error unexpected) {
            for (PendingWrite<?> write : batch) {
                write.failIfOpen(unexpected);
            }
        } finally {
            lock.lock();
            running--;
            if (!batch.isEmpty()) {
                lastBatchSize = batch.size();
                transactionNanos += (System.nanoTime() - started - transactionNanos) / 8;
            }
            for (PendingWrite<?> write : batch) {
                write.done = true;
            }
            finished.signalAll(); // wakes the batch's callers, and a waiter to commit what is queued next
        }
    }

    /**
     * Holding the lock: when the last batch was shared, waits a little (at most half a recent
     * transaction's time) for as many writers to queue again. Their callers were woken by the
     * last commit and are on their way back; starting without them would commit one write alone
     * and make the rest wait a whole transaction. A writer that works alone never waits here.
     */
    private void gather() {
        int expected = Math.min(lastBatchSize, maxBatch);
        long remaining = Math.min(transactionNanos / 2, MAX_GATHER_NANOS);
        try {
            while (queue.size() < expected && remaining > 0) {
                remaining = arrived.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // commit what is there; the caller sees the interrupt later
        }
    }

    private void run(List<PendingWrite<?>> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        try {
            if (batch.stream().allMatch(PendingWrite::plain)) {
                transactions.inNewPlainTransaction(connection -> runAll(batch, null, connection));
            } else {
                transactions.inNewTransaction((handle, connection) -> runAll(batch, handle, connection));
            }
        } catch (MemberFailed memberFailed) {
            for (PendingWrite<?> write : batch) {
                runAlone(write);
            }
            return;
        } catch (RuntimeException | Error failure) {
            for (PendingWrite<?> write : batch) {
                write.fail(failure);
            }
            return;
        }
        for (PendingWrite<?> write : batch) {
            write.committed();
        }
    }

    /**
     * Runs the writes of a batch in one transaction on {@code connection}; {@code handle} is its
     * Jdbi handle, null when every write is plain.
     */
    private static Void runAll(List<PendingWrite<?>> batch, Handle handle, PlainConnection connection) {
        for (List<PendingWrite<?>> group : byKind(batch)) {
            if (group.size() > 1) {
                runTogether(connection, group);
            } else {
                group.get(0).runIn(handle, connection);
            }
        }
        return null;
    }

    /**
     * The batch in groups to run one after another: the writes of one {@link MultiRowWrite} kind
     * together, where the first of them stands, each other write alone, in order. Moving a write
     * past others of the batch is safe: every write of a batch is its caller's only pending one,
     * so no two of them are ordered by their callers.
     */
    private static List<List<PendingWrite<?>>> byKind(List<PendingWrite<?>> batch) {
        Map<Object, List<PendingWrite<?>>> groups = new LinkedHashMap<>();
        for (PendingWrite<?> write : batch) {
            groups.computeIfAbsent(write.kind != null ? write.kind : write, key -> new ArrayList<>()).add(write);
        }
        return new ArrayList<>(groups.values());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void runTogether(PlainConnection connection, List<PendingWrite<?>> writes) {
        MultiRowWrite kind = writes.get(0).kind;
        List<Object> inputs = new ArrayList<>(writes.size());
        for (PendingWrite<?> write : writes) {
            inputs.add(write.input);
        }
        List<?> results;
        try {
            results = kind.writeAll(connection, inputs);
        } catch (RuntimeException | Error e) {
            throw new MemberFailed(e);
        }
        if (results.size() != writes.size()) {
            throw new IllegalStateException("bug: " + kind + " returned " + results.size() + " results for "
                    + writes.size() + " writes");
        }
        for (int i = 0; i < writes.size(); i++) {
            ((PendingWrite) writes.get(i)).result = results.get(i);
        }
    }

    private void runAlone(PendingWrite<?> write) {
        try {
            write.succeedAlone(transactions);
        } catch (RuntimeException | Error failure) {
            write.fail(failure);
        }
    }

    /**
     * One caller's write and, once done, its result or failure. Written by the thread committing
     * it, read by its caller after {@code done} is set under the lock.
     */
    private static final class PendingWrite<T> {
        private final HandleCallback<T, RuntimeException> work;
        private final Function<PlainConnection, T> plainWork;
        private final MultiRowWrite<?, ?> kind;
        private final Object input;
        private T result;
        private Throwable failure;
        private boolean settled;
        private boolean done;

        /**
         * @param work the write on a handle, or null when {@code plainWork} is given
         * @param plainWork the write on a connection without a handle, or null
         * @param kind with {@code input}: the write can share a statement with others of its kind; else null
         */
        PendingWrite(HandleCallback<T, RuntimeException> work, Function<PlainConnection, T> plainWork,
                     MultiRowWrite<?, ?> kind, Object input) {
            this.work = work;
            this.plainWork = plainWork;
            this.kind = kind;
            this.input = input;
        }

        /** Whether the write runs without a Jdbi handle. */
        boolean plain() {
            return plainWork != null;
        }

        /**
         * Runs the work inside a shared transaction; its result counts only once the batch commits.
         *
         * @param handle the transaction's handle, null when every write of the batch is plain
         */
        void runIn(Handle handle, PlainConnection connection) {
            try {
                result = plainWork != null ? plainWork.apply(connection) : work.withHandle(handle);
            } catch (RuntimeException | Error e) {
                throw new MemberFailed(e);
            }
        }

        void succeedAlone(TransactionRunner transactions) {
            result = plainWork != null
                    ? transactions.inNewPlainTransaction(plainWork)
                    : transactions.inNewTransaction((handle, connection) -> work.withHandle(handle));
            settled = true;
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

    /** A member of a batch threw: the batch is rolled back and its members run alone. */
    private static final class MemberFailed extends RuntimeException {
        MemberFailed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
