package io.opstate.jdbc.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * A database for {@link GroupCommit}'s tests, whose transactions collect the keys their work
 * inserts and publish them at commit; each transaction takes {@code commitMillis}, as an fsync
 * would. Records the keys whose work ran at all, committed or not.
 */
final class FakeDatabase implements GroupCommit.TransactionRunner {
    final List<String> committed = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger transactions = new AtomicInteger();
    final AtomicInteger largestBatch = new AtomicInteger();
    final AtomicInteger mostConcurrent = new AtomicInteger();
    final AtomicInteger handleTransactions = new AtomicInteger();
    final AtomicInteger plainTransactions = new AtomicInteger();
    final List<String> attempted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger concurrent = new AtomicInteger();
    private final ConcurrentHashMap<Thread, List<String>> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Thread, Deadline> deadlines = new ConcurrentHashMap<>();
    private final long commitMillis;
    volatile Runnable beforeWork = () -> { };
    volatile boolean failCommitsOfBatches;
    /** Which failures the server would have aborted for a conflict; none unless a test says. */
    volatile java.util.function.Predicate<Throwable> conflicts = failure -> false;
    private volatile long lockHeldUntil = System.nanoTime();

    FakeDatabase(long commitMillis) {
        this.commitMillis = commitMillis;
    }

    HandleCallback<String, RuntimeException> insert(String key) {
        return handle -> {
            attempted.add(key);
            beforeWork.run();
            open.get(Thread.currentThread()).add(key);
            return key;
        };
    }

    /** A plain write's work: like {@link #insert}, run inside the transaction. */
    String insertPlain(String key) {
        attempted.add(key);
        beforeWork.run();
        open.get(Thread.currentThread()).add(key);
        return key;
    }

    /** Records a write of the current transaction, for work that is not built by this fake. */
    void insertNow(String key) {
        open.get(Thread.currentThread()).add(key);
    }

    HandleCallback<String, RuntimeException> failing(String key) {
        return handle -> {
            open.get(Thread.currentThread()).add(key);
            throw new IllegalStateException(key);
        };
    }

    @Override
    public boolean abortedByConflict(Throwable failure) {
        return conflicts.test(failure);
    }

    @Override
    public <T> T inNewTransaction(Deadline deadline, BiFunction<Handle, PlainConnection, T> work) {
        handleTransactions.incrementAndGet();
        return transaction(deadline, () -> work.apply(null, null));
    }

    @Override
    public <T> T inNewPlainTransaction(Deadline deadline, Function<PlainConnection, T> work) {
        plainTransactions.incrementAndGet();
        return transaction(deadline, () -> work.apply(null));
    }

    /** Nothing to bound: the fake's waits are bounded where they happen, by the transaction's deadline. */
    @Override
    public void nextStep(PlainConnection connection, Deadline deadline) {
    }

    /**
     * From now on, work meets a server that stopped answering: it waits as long as its
     * transaction's deadline lets it wait for an answer, then fails as a lost connection.
     */
    void stopAnswering() {
        beforeWork = () -> {
            sleep(deadlines.get(Thread.currentThread()).answerMillis(System.nanoTime()));
            throw new IllegalStateException("no answer: connection lost");
        };
    }

    /**
     * Makes the next work that runs wait until the hold is released, ignoring interrupts as a
     * driver's blocking call does; later work runs at once.
     */
    Hold holdNextWork() {
        Hold hold = new Hold();
        beforeWork = () -> {
            beforeWork = () -> { };
            hold.enter();
        };
        return hold;
    }

    /**
     * Another connection holds the write lock until {@code nanoTime}: a transaction begun before
     * waits for it as long as its deadline lets it wait for the lock, then fails as busy.
     */
    void holdLockUntil(long nanoTime) {
        lockHeldUntil = nanoTime;
    }

    private void awaitLock(Deadline deadline) {
        long now = System.nanoTime();
        long until = lockHeldUntil;
        if (until - now <= 0) {
            return;
        }
        sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(until - now) + 1, deadline.lockMillis(now)));
        if (lockHeldUntil - System.nanoTime() > 0) {
            throw new IllegalStateException("busy: the lock is held");
        }
    }

    private <T> T transaction(Deadline deadline, Supplier<T> work) {
        awaitLock(deadline);
        mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        List<String> writes = new ArrayList<>();
        open.put(Thread.currentThread(), writes);
        deadlines.put(Thread.currentThread(), deadline);
        try {
            T result = work.get();
            sleep(commitMillis);
            if (failCommitsOfBatches && writes.size() > 1) {
                throw new RuntimeException("commit failed");
            }
            transactions.incrementAndGet();
            largestBatch.accumulateAndGet(writes.size(), Math::max);
            committed.addAll(writes);
            return result;
        } finally {
            open.remove(Thread.currentThread());
            deadlines.remove(Thread.currentThread());
            concurrent.decrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Work held by {@link #holdNextWork}. */
    static final class Hold {
        private final CountDownLatch running = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile Thread thread;

        private void enter() {
            thread = Thread.currentThread();
            running.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (!released.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the held work was never released");
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until the held work runs; the thread running it (its batch's committer). */
        Thread awaitRunning() throws InterruptedException {
            if (!running.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the held work did not start");
            }
            return thread;
        }

        void release() {
            released.countDown();
        }
    }
}
