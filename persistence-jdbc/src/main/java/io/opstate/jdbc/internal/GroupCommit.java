package io.opstate.jdbc.internal;

import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.WaitTimeouts;
import io.opstate.operations.StoreObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
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
 * <p>Leader and followers: a caller queues its write; if no batch is running it becomes a
 * committer, takes everything queued (up to {@code maxBatch}) and runs it in one transaction;
 * otherwise it waits, and the next committer takes its write along. Alone, a write is its own
 * batch, so a single thread pays nothing extra. When the last batch was shared, a new committer
 * first waits briefly for that many writers to queue again ({@link #gather}). A second (up to
 * {@code committers}-th) batch starts beside a running one only when a full batch of writes is
 * waiting: a batch that could still take every waiting write is better than two smaller ones,
 * each of which pays a commit (measured with 64 callers on PostgreSQL: one committer made about
 * 1.3 times the job creates of two that split the callers into batches of 29 to 45).
 *
 * <p>Hand-offs are kept few, as each costs a thread wake-up of several microseconds: a caller whose
 * write is in a running batch waits without the lock and returns without taking it again; the
 * committer wakes the batch's callers once it has let go of the lock, helped by the callers it
 * has woken ({@link BatchWakeup}); a committer ending its batch wakes only the caller of the next
 * queued write, to commit it; a gathering committer is signalled once, when enough writes queued.
 *
 * <p>Every write has a {@link Deadline} from the moment it was submitted. A write still queued
 * when its deadline passes, or whose caller is interrupted while it waits, is withdrawn: it never
 * runs, and its caller is told that nothing was written. A batch ends its own waits (for a
 * connection, the write lock, the server's answers) by the earliest deadline of its writes and of
 * the caller committing it, so no caller, committing or waiting, waits past its own deadline plus
 * the grace the deadline allows the server's answers. A caller interrupted while its write is in
 * a running batch stops waiting at once and is told that the outcome is unknown. A committer
 * interrupted while it runs a batch finishes the batch first: it runs the other callers' writes too.
 *
 * <p>Failure stays with its own write ({@link BatchRunner}): when a write of a batch throws, each
 * write of the batch goes back to the head of the queue, in order, to run again alone; when a
 * batch's wait was cut short by its earliest deadline before any write ran, the writes with time
 * left go back as they were. Queued again, each is withdrawn at its own deadline like any queued
 * write, so the runs again never add up to more than a caller's own timeout. Writes are ordinary
 * repository work: they only touch the handle or connection they are given and may run twice, on
 * another thread than their caller's.
 *
 * <p>A batch made only of plain writes ({@link #writePlain} and the {@link MultiRowWrite} kinds,
 * which run {@link PlainJdbc} statements) runs on a writer connection borrowed without a Jdbi
 * handle; a batch with any write that needs a handle runs on one, the plain writes on its
 * connection.
 */
final class GroupCommit {
    /** The longest a committer waits for writers to queue up, however slow commits are. */
    private static final long MAX_GATHER_NANOS = 2_000_000;
    /** How much of that a committer spends yielding the processor before it parks. */
    private static final long MAX_GATHER_SPIN_NANOS = 100_000;

    /** Runs work in one new transaction on the writer and commits it, its waits ending by a deadline. */
    interface TransactionRunner {
        /** On a Jdbi handle; the work gets the handle and its connection as a plain one. */
        <T> T inNewTransaction(Deadline deadline, BiFunction<Handle, PlainConnection, T> work);

        /** On a writer connection borrowed without a handle. */
        <T> T inNewPlainTransaction(Deadline deadline, Function<PlainConnection, T> work);

        /**
         * Called by the work before each of its steps after the first, and after the last (before
         * COMMIT): bounds what the step may wait by what is left of {@code deadline}; throws when
         * nothing is left.
         */
        void nextStep(PlainConnection connection, Deadline deadline);

        /**
         * Whether {@code failure} ended a transaction because of other transactions (a deadlock,
         * a serialization failure), not because of its work: the server rolled it back, nothing
         * was written, and the same work may simply run again.
         */
        default boolean abortedByConflict(Throwable failure) {
            return false;
        }
    }

    private final BatchRunner batches;
    private final int committers;
    private final int maxBatch;
    private final WaitTimeouts timeouts;
    private final String storeName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<PendingWrite<?>> queue = new ArrayDeque<>();
    private int running;
    /** The queue's length, for a gathering committer to watch without the lock. */
    private volatile int queueLength;
    /** How many queued writes a gathering committer waits for; none gathers: {@code MAX_VALUE}. */
    private int gatherTarget = Integer.MAX_VALUE;
    private int lastBatchSize = 1;
    private long transactionNanos;

    /**
     * @param committers the most batches that may run at once (1 for a database with one writer
     *                   connection); a batch beyond the first starts only while a full batch waits
     * @param maxBatch the most writes one transaction takes
     * @param timeouts how long each write may wait, from the moment it is submitted
     * @param storeName the backend's name, for messages
     */
    GroupCommit(TransactionRunner transactions, int committers, int maxBatch, WaitTimeouts timeouts,
                String storeName) {
        this(transactions, committers, maxBatch, timeouts, storeName, StoreObserver.NONE);
    }

    /** Like the other constructor, telling {@code observer} of every transaction committed. */
    GroupCommit(TransactionRunner transactions, int committers, int maxBatch, WaitTimeouts timeouts,
                String storeName, StoreObserver observer) {
        if (committers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("committers and maxBatch must be positive");
        }
        this.batches = new BatchRunner(transactions, observer);
        this.committers = committers;
        this.maxBatch = maxBatch;
        this.timeouts = timeouts;
        this.storeName = storeName;
    }

    /** Runs {@code work} in a committed transaction, possibly shared; rethrows its own failure. */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        return submit(new PendingWrite<>(work, null, null, null, startNow()));
    }

    /** Like {@link #write(HandleCallback)}, for work made only of {@link PlainJdbc} statements. */
    <T> T writePlain(Function<PlainConnection, T> work) {
        return submit(new PendingWrite<>(null, work, null, null, startNow()));
    }

    /**
     * Writes {@code input} as {@code kind} says, in a committed transaction, possibly shared, and
     * possibly in one statement with other callers' writes of the same kind.
     */
    <I, R> R write(MultiRowWrite<I, R> kind, I input) {
        return submit(new PendingWrite<>(null, connection -> kind.writeAll(connection, List.of(input)).get(0), kind,
                input, startNow()));
    }

    private Deadline startNow() {
        return Deadline.startingAt(System.nanoTime(), timeouts);
    }

    private <T> T submit(PendingWrite<T> write) {
        boolean arriving = true;
        while (true) {
            takeTurns(write, arriving);
            arriving = false;
            if (write.done) {
                return write.outcome();
            }
            awaitBatch(write);
            if (write.done) {
                return write.outcome();
            }
        }
    }

    /** Holding the lock: queues a new write, and signals a gathering committer once enough have. */
    private void enqueue(PendingWrite<?> write) {
        queue.addLast(write);
        queueLength = queue.size();
        write.queued = true;
        if (queue.size() >= gatherTarget) {
            arrived.signalAll();
        }
    }

    /**
     * Queues the write when {@code arriving}; while it is queued, commits the next batch when a
     * committer is free, else waits for a turn. Returns once the write is done or in a batch that
     * another caller commits.
     */
    private void takeTurns(PendingWrite<?> write, boolean arriving) {
        while (true) {
            BatchWakeup settled;
            lock.lock();
            boolean locked = true;
            try {
                if (arriving) {
                    enqueue(write);
                    arriving = false;
                }
                while (true) {
                    if (write.done || !write.queued) {
                        return;
                    }
                    if (committerFree() && !Thread.currentThread().isInterrupted()) {
                        if (write.deadline.passed(System.nanoTime())) {
                            withdraw(write);
                            throw timedOut(write);
                        }
                        settled = commitNextBatch(write.deadline);
                        break;
                    }
                    if (!awaitTurn(write)) {
                        locked = false;
                        return;
                    }
                }
            } finally {
                if (locked) {
                    lock.unlock();
                }
            }
            // Outside the lock, so that callers coming back with their next write need not wait for it.
            settled.help();
            if (write.done) {
                return; // usually the committer's own write was in its batch: no need for the lock again
            }
        }
    }

    /**
     * Holding the lock, the write queued: waits for a free committer, at most until the write's
     * deadline. A committer ending its batch wakes the caller of the write at the head of the
     * queue; the caller of a write taken into a batch meanwhile is woken when that batch ends.
     * Throws, withdrawing the write, when its deadline has passed or the caller is interrupted.
     * Returns true holding the lock again; false without it, when the write was taken into a
     * batch or is done: then there is nothing to decide under the lock, and with many callers
     * woken at once by a settled batch, taking it again only to learn that queued them up on it.
     */
    private boolean awaitTurn(PendingWrite<?> write) {
        if (Thread.currentThread().isInterrupted()) {
            withdraw(write);
            throw Outcomes.nothingWritten(storeName, "the thread was interrupted while the write waited for its"
                    + " turn to commit; the write was withdrawn", new InterruptedException());
        }
        long left = write.deadline.connectionBy() - System.nanoTime();
        if (left <= 0) {
            withdraw(write);
            throw timedOut(write);
        }
        lock.unlock();
        LockSupport.parkNanos(this, left);
        if (write.inBatch || write.done) { // volatile: set after the write left the queue
            return false;
        }
        lock.lock();
        return true;
    }

    /**
     * Without the lock: waits for the batch that took the write to end (it ends its waits by its
     * earliest deadline, at the latest ours), woken by its committer; then the write is done or
     * queued again. A caller interrupted meanwhile stops waiting at once: its outcome is unknown.
     */
    private void awaitBatch(PendingWrite<?> write) {
        while (write.inBatch) {
            LockSupport.park(this);
            if (Thread.currentThread().isInterrupted() && write.inBatch) {
                throw Outcomes.outcomeUnknown(storeName, "write was given up", "the thread was interrupted while the"
                        + " write was being committed together with other threads' writes", new InterruptedException());
            }
        }
        write.wakeup.help();
    }

    /** Holding the lock: takes a queued write out of the queue, so that no committer runs it. */
    private void withdraw(PendingWrite<?> write) {
        queue.remove(write);
        queueLength = queue.size();
        write.queued = false;
        write.done = true;
        wakeNextCommitter();
    }

    /**
     * Holding the lock: when a committer is free and writes are queued, wakes the caller of the
     * first of them to commit them. Waking one caller, not all, spares the others a trip through
     * the lock; each caller that leaves the queue without committing passes the turn on.
     */
    private void wakeNextCommitter() {
        PendingWrite<?> next = queue.peekFirst();
        if (next != null && committerFree() && next.caller != Thread.currentThread()) {
            LockSupport.unpark(next.caller);
        }
    }

    /**
     * Holding the lock: whether a queued write's caller may start a batch now. The first batch
     * always; another beside it only while a whole batch's worth of writes waits, which the
     * running batches could not have taken.
     */
    private boolean committerFree() {
        return running == 0 || (running < committers && queue.size() >= maxBatch);
    }

    private StorageUnavailableException timedOut(PendingWrite<?> write) {
        String why = write.alone
                ? "the transaction it shared with other writes failed (one of them did), and the connection timeout"
                        + " (" + timeouts.connection().toMillis() + " ms) ran out before it could run again alone"
                : "it got no turn to commit within the connection timeout (" + timeouts.connection().toMillis()
                        + " ms): the writes ahead of it took that long";
        return Outcomes.nothingWritten(storeName, why + "; the write was withdrawn", null);
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

    /**
     * Called holding the lock; releases it while gathering and while the batch runs. The batch's
     * waits end by {@code committersDeadline} too, the committing caller's own, whose write may not
     * be in the batch: the caller's answer waits for the batch it commits. Returns the wake-up of
     * the batch's callers, for the committer to start once it has let go of the lock.
     */
    private BatchWakeup commitNextBatch(Deadline committersDeadline) {
        running++;
        if (!queue.isEmpty() && !queue.peekFirst().alone) {
            gather();
        }
        List<PendingWrite<?>> batch = take(System.nanoTime());
        wakeNextCommitter(); // writes left in the queue may run in another batch at the same time
        Deadline deadline = committersDeadline;
        for (PendingWrite<?> write : batch) {
            deadline = deadline.earliest(write.deadline);
        }
        // An interruption is for the caller's own wait; the batch carries other callers' writes too.
        boolean interrupted = Thread.interrupted();
        BatchWakeup wakeup;
        long started = System.nanoTime();
        lock.unlock();
        try {
            if (!batch.isEmpty()) { // another committer may have taken the queue while this one gathered
                batches.run(batch, deadline);
            }
        } catch (RuntimeException | Error unexpected) {
            for (PendingWrite<?> write : batch) {
                write.failIfOpen(unexpected);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            lock.lock();
            running--;
            if (!batch.isEmpty()) {
                lastBatchSize = batch.size();
                transactionNanos += (System.nanoTime() - started - transactionNanos) / 8;
            }
            wakeup = settle(batch);
            wakeNextCommitter();
        }
        return wakeup;
    }

    /**
     * Holding the lock: the next batch from the head of the queue, at most {@code maxBatch} writes,
     * or one write that must run alone. A write whose deadline has passed is withdrawn instead of
     * taken (its caller, about to wake, is told so), so that it cannot cut the batch's waits short.
     */
    private List<PendingWrite<?>> take(long now) {
        List<PendingWrite<?>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (!queue.isEmpty() && batch.size() < maxBatch) {
            PendingWrite<?> write = queue.peekFirst();
            if (write.alone && !batch.isEmpty()) {
                break;
            }
            queue.pollFirst();
            queueLength = queue.size();
            write.queued = false;
            if (write.deadline.passed(now)) {
                write.fail(timedOut(write));
                write.done = true;
                wake(write);
                continue;
            }
            write.inBatch = true;
            batch.add(write);
            if (write.alone) {
                break;
            }
        }
        return batch;
    }

    /**
     * Holding the lock: the batch's writes are done, except those to run again, alone or with
     * others, which go back to the head of the queue in their order.
     */
    private BatchWakeup settle(List<PendingWrite<?>> batch) {
        BatchWakeup wakeup = new BatchWakeup(batch);
        for (int i = batch.size() - 1; i >= 0; i--) {
            PendingWrite<?> write = batch.get(i);
            if (write.again == PendingWrite.Again.NO) {
                write.done = true;
            } else {
                write.alone |= write.again == PendingWrite.Again.ALONE;
                write.again = PendingWrite.Again.NO;
                write.queued = true;
                queue.addFirst(write);
                queueLength = queue.size();
            }
            write.wakeup = wakeup; // published to the caller by the write to inBatch below
            write.inBatch = false;
        }
        return wakeup;
    }

    /** Wakes the caller of {@code write}, unless that is the calling thread. */
    private static void wake(PendingWrite<?> write) {
        if (write.caller != Thread.currentThread()) {
            LockSupport.unpark(write.caller);
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
        if (queue.size() >= expected || remaining <= 0) {
            return;
        }
        // First without the lock and without parking, giving the processor to the writers on their
        // way back: a parked committer costs the last of them a wake-up, and itself the time to wake.
        long spin = Math.min(remaining, MAX_GATHER_SPIN_NANOS);
        long spinUntil = System.nanoTime() + spin;
        lock.unlock();
        try {
            while (queueLength < expected && System.nanoTime() - spinUntil < 0) {
                Thread.yield();
            }
        } finally {
            lock.lock();
        }
        remaining -= spin;
        gatherTarget = expected; // arrivals signal once, when that many are queued
        try {
            while (queue.size() < expected && remaining > 0) {
                remaining = arrived.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // commit what is there; the caller sees the interrupt later
        } finally {
            gatherTarget = Integer.MAX_VALUE;
        }
    }
}
