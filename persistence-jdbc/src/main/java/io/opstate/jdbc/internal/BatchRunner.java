package io.opstate.jdbc.internal;

import io.opstate.operations.StoreObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Runs the batches {@link GroupCommit} takes, each in one transaction whose waits end by the
 * batch's {@link Deadline}, and settles each write of the batch: committed, failed, or to run
 * again.
 *
 * <p>Failure stays with its own write. A batch runs without savepoints (which cost a round trip
 * each on a server database); when a write of a batch throws, the whole transaction is rolled
 * back and each write of the batch is marked to run again alone, in a transaction of its own, so
 * the one that fails fails by itself and the others commit as if never grouped. When the wait for
 * a connection or the lock runs out before any write ran, cut short by the earliest deadline of
 * the batch, the writes with time left are marked to queue again as they were. Any other failure
 * to begin or commit is every write's (a failed commit's outcome is unknown to all of them),
 * except a transaction the server aborted because of other transactions (a deadlock, a
 * serialization failure): nothing of it was written, so each write with time left runs again
 * alone, at most {@value #CONFLICT_RETRIES} times, before the failure is its caller's.
 * Each transaction that commits is reported to the store's {@link StoreObserver}, after the commit
 * and before its callers are woken. Thread-safe: each batch is run by the thread that took it.
 */
final class BatchRunner {
    /** How often one write runs again after the server aborted its transaction for a conflict. */
    static final int CONFLICT_RETRIES = 3;

    private final GroupCommit.TransactionRunner transactions;
    private final StoreObserver observer;

    BatchRunner(GroupCommit.TransactionRunner transactions, StoreObserver observer) {
        this.transactions = transactions;
        this.observer = observer;
    }

    /** Runs {@code batch}, its waits ending by {@code deadline}, and settles or marks each write. */
    void run(List<PendingWrite<?>> batch, Deadline deadline) {
        if (batch.size() == 1) {
            runAlone(batch.get(0), deadline);
            return;
        }
        Progress progress = new Progress();
        long started = System.nanoTime();
        try {
            if (batch.stream().allMatch(PendingWrite::plain)) {
                transactions.inNewPlainTransaction(deadline,
                        connection -> runAll(batch, null, connection, deadline, progress));
            } else {
                transactions.inNewTransaction(deadline,
                        (handle, connection) -> runAll(batch, handle, connection, deadline, progress));
            }
        } catch (MemberFailed memberFailed) {
            for (PendingWrite<?> write : batch) {
                write.again = PendingWrite.Again.ALONE;
            }
            return;
        } catch (RuntimeException | Error failure) {
            failOrWaitOn(batch, failure, deadline, progress);
            return;
        }
        observer.batchCommitted(batch.size(), System.nanoTime() - started);
        for (PendingWrite<?> write : batch) {
            write.committed();
        }
    }

    private void runAlone(PendingWrite<?> write, Deadline deadline) {
        Progress progress = new Progress();
        long started = System.nanoTime();
        try {
            if (write.plain()) {
                transactions.inNewPlainTransaction(deadline,
                        connection -> runOne(write, null, connection, deadline, progress));
            } else {
                transactions.inNewTransaction(deadline,
                        (handle, connection) -> runOne(write, handle, connection, deadline, progress));
            }
            observer.batchCommitted(1, System.nanoTime() - started);
            write.committed();
        } catch (RuntimeException | Error failure) {
            failOrWaitOn(List.of(write), failure, deadline, progress);
        }
    }

    private Object runOne(PendingWrite<?> write, Handle handle, PlainConnection connection, Deadline deadline,
                          Progress progress) {
        progress.ran = true;
        Object result = write.apply(handle, connection);
        transactions.nextStep(connection, deadline);
        return result;
    }

    /**
     * Runs the writes of a batch in one transaction on {@code connection}, each step's waits
     * bounded by what is left of {@code deadline}; {@code handle} is its Jdbi handle, null when
     * every write is plain.
     */
    private Void runAll(List<PendingWrite<?>> batch, Handle handle, PlainConnection connection, Deadline deadline,
                        Progress progress) {
        progress.ran = true;
        boolean first = true;
        for (List<PendingWrite<?>> group : byKind(batch)) {
            if (!first) {
                transactions.nextStep(connection, deadline);
            }
            first = false;
            if (group.size() > 1) {
                runTogether(connection, group);
            } else {
                runIn(group.get(0), handle, connection);
            }
        }
        transactions.nextStep(connection, deadline);
        return null;
    }

    /**
     * {@code failure} ended the transaction of {@code writes}. If none of them had run and a wait
     * of the transaction ran out (for a connection, the lock), that wait was cut short by the
     * earliest deadline among them: the writes with time left wait on, queued again, rather than
     * fail before their own time. Each try waits until a deadline passes and the next leaves that
     * write out, so this never spins. A transaction the server aborted for a conflict runs again,
     * each write alone, a bounded number of times. Every other failure is every write's.
     */
    private void failOrWaitOn(List<PendingWrite<?>> writes, Throwable failure, Deadline deadline,
                                     Progress progress) {
        long now = System.nanoTime();
        boolean cutShort = !progress.ran && failure instanceof RuntimeException && deadline.anyPassed(now);
        boolean conflict = progress.ran && transactions.abortedByConflict(failure);
        for (PendingWrite<?> write : writes) {
            if (cutShort && write.deadline.noneReached(now)) {
                write.again = write.alone ? PendingWrite.Again.ALONE : PendingWrite.Again.WITH_OTHERS;
            } else if (conflict && write.deadline.noneReached(now) && write.conflictRetries < CONFLICT_RETRIES) {
                write.conflictRetries++;
                write.again = PendingWrite.Again.ALONE;
            } else {
                write.fail(failure);
            }
        }
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

    /** Runs one write of a shared transaction: its failure rolls back the batch. */
    private static void runIn(PendingWrite<?> write, Handle handle, PlainConnection connection) {
        try {
            write.apply(handle, connection);
        } catch (RuntimeException | Error e) {
            throw new MemberFailed(e);
        }
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
            writes.get(i).resultOfStatement(results.get(i));
        }
    }

    /** Whether a transaction's work has begun: before that, nothing of it was sent. */
    private static final class Progress {
        private boolean ran;
    }

    /** A member of a batch threw: the batch is rolled back and its members run alone. */
    private static final class MemberFailed extends RuntimeException {
        MemberFailed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
