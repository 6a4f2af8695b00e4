package io.opstate.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.WaitTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every caller of {@link GroupCommit} gets its answer within its own timeout, plus the grace a
 * batch gives the server's answers, however many callers queue: a write still queued at its
 * deadline, or whose caller is interrupted, is withdrawn and never runs; the runs alone after a
 * failed batch wait no longer than their callers' deadlines.
 */
class GroupCommitDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** Room for the threads of a busy test machine to be scheduled; no part of the promised margin. */
    private static final Duration SCHEDULING = Duration.ofMillis(150);
    /** The same for 16 threads at once on a machine of two cores. */
    private static final Duration CROWDED_SCHEDULING = Duration.ofMillis(400);
    private static final Duration GRACE = Duration.ofMillis(Deadline.ANSWER_GRACE_MILLIS);

    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final FakeDatabase database = new FakeDatabase(0);

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWriteStillQueuedAtItsDeadlineIsWithdrawnAndNeverRuns() throws Exception {
        GroupCommit group = group(1);
        FakeDatabase.Hold hold = database.holdNextWork();
        Future<String> held = threads.submit(() -> group.writePlain(connection -> database.insertPlain("held")));
        hold.awaitRunning();

        Future<Timed> queued = threads.submit(() -> timed(() -> group.write(database.insert("queued"))));
        Timed outcome = queued.get(5, TimeUnit.SECONDS);

        assertThat(outcome.failure()).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("nothing was written").hasMessageContaining("withdrawn");
        assertThat(outcome.took()).isBetween(TIMEOUT, TIMEOUT.plus(SCHEDULING));
        assertThat(group.queued()).isZero();
        hold.release();
        assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(database.attempted).containsExactly("held");
        assertThat(database.committed).containsExactly("held");
    }

    /**
     * A server that stopped answering, 16 writers and 2 committers: every batch fails when its
     * earliest deadline's grace is over, its writes queue again to run alone, and each caller
     * still has its answer by its own deadline plus the grace, never several timeouts later.
     */
    @Test
    void withNoAnswerComingEveryCallEndsWithinItsTimeoutAndTheGraceHoweverManyWrite() throws Exception {
        GroupCommit group = group(2);
        database.stopAnswering();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Timed>>> writers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            String writer = "w" + w;
            writers.add(threads.submit(() -> {
                start.await();
                List<Timed> calls = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String key = writer + "-" + i;
                    boolean plain = i % 2 == 0;
                    calls.add(timed(() -> plain
                            ? group.writePlain(connection -> database.insertPlain(key))
                            : group.write(database.insert(key))));
                }
                return calls;
            }));
        }
        start.countDown();
        List<Timed> calls = new ArrayList<>();
        for (Future<List<Timed>> writer : writers) {
            calls.addAll(writer.get(30, TimeUnit.SECONDS));
        }

        assertThat(calls).hasSize(48).allSatisfy(call -> {
            assertThat(call.took()).isLessThanOrEqualTo(TIMEOUT.plus(GRACE).plus(CROWDED_SCHEDULING));
            assertThat(call.failure()).satisfiesAnyOf(
                    failure -> assertThat(failure).hasMessage("no answer: connection lost"),
                    failure -> assertThat(failure).isInstanceOf(StorageUnavailableException.class)
                            .hasMessageContaining("nothing was written"));
        });
        assertThat(database.committed).isEmpty();
    }

    /**
     * The lock is held past the first two writers' time but not the third's. The third, queued
     * with the second, is not failed when their shared wait runs out at the second's deadline: it
     * waits on for the rest of its own time and commits once the lock is free.
     */
    @Test
    void aWriteWhoseSharedWaitRanOutAtAnOlderWritesDeadlineWaitsOnForItsOwnTime() throws Exception {
        GroupCommit group = group(1);
        long start = System.nanoTime();
        database.holdLockUntil(start + TimeUnit.MILLISECONDS.toNanos(400));
        Future<Timed> first = threads.submit(() -> timed(() -> group.writePlain(c -> database.insertPlain("first"))));
        Thread.sleep(30); // the writers' arrival times are the situation under test
        Future<Timed> second = threads.submit(() -> timed(() -> group.writePlain(c -> database.insertPlain("second"))));
        Thread.sleep(220);
        Future<Timed> third = threads.submit(() -> timed(() -> group.writePlain(c -> database.insertPlain("third"))));

        assertThat(first.get(5, TimeUnit.SECONDS).failure()).hasMessageContaining("busy");
        assertThat(second.get(5, TimeUnit.SECONDS).failure()).hasMessageContaining("busy");
        Timed outcome = third.get(5, TimeUnit.SECONDS);
        assertThat(outcome.failure()).isNull();
        assertThat(database.committed).containsExactly("third");
    }

    @Test
    void anInterruptedCallerWhoseWriteIsQueuedReturnsAtOnceAndTheWriteNeverRuns() throws Exception {
        GroupCommit group = group(1);
        FakeDatabase.Hold hold = database.holdNextWork();
        Future<String> held = threads.submit(() -> group.writePlain(connection -> database.insertPlain("held")));
        hold.awaitRunning();
        Caller queued = Caller.start(() -> group.write(database.insert("queued")));
        awaitQueued(group, 1);

        long interrupted = System.nanoTime();
        queued.thread.interrupt();
        queued.thread.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(SCHEDULING);
        assertThat(queued.failure.get()).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("nothing was written").hasMessageContaining("interrupted");
        assertThat(queued.interruptedAfter.get()).as("interrupt flag kept").isTrue();
        hold.release();
        assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(group.queued()).isZero();
        assertThat(database.attempted).containsExactly("held");
    }

    /**
     * Two callers' writes in one batch whose work is held: interrupted, the caller waiting for it
     * returns at once, told that the outcome is unknown (the batch may still commit, and here
     * does); the caller committing it finishes the batch for both and returns its own result.
     * Both keep their interrupt flag.
     */
    @Test
    void interruptedWhileItsWriteIsBeingCommittedACallerIsToldTheOutcomeIsUnknown() throws Exception {
        GroupCommit group = group(1);
        FakeDatabase.Hold first = database.holdNextWork();
        Future<String> held = threads.submit(() -> group.writePlain(connection -> database.insertPlain("held")));
        first.awaitRunning();
        Caller a = Caller.start(() -> group.writePlain(connection -> database.insertPlain("a")));
        Caller b = Caller.start(() -> group.writePlain(connection -> database.insertPlain("b")));
        awaitQueued(group, 2);
        FakeDatabase.Hold second = database.holdNextWork();
        first.release();
        assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        Thread committing = second.awaitRunning();
        Caller committer = committing == a.thread ? a : b;
        Caller waiting = committer == a ? b : a;

        long interrupted = System.nanoTime();
        committer.thread.interrupt();
        waiting.thread.interrupt();
        waiting.thread.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(SCHEDULING);
        assertThat(waiting.failure.get()).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("outcome is unknown").hasMessageContaining("interrupted");
        assertThat(waiting.interruptedAfter.get()).isTrue();
        assertThat(committer.thread.isAlive()).as("the committer finishes the batch").isTrue();
        second.release();
        committer.thread.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(committer.failure.get()).isNull();
        assertThat(committer.result.get()).isEqualTo(committer == a ? "a" : "b");
        assertThat(committer.interruptedAfter.get()).isTrue();
        assertThat(database.committed).containsExactlyInAnyOrder("held", "a", "b");
    }

    private GroupCommit group(int committers) {
        return new GroupCommit(database, committers, 64, new WaitTimeouts(TIMEOUT, TIMEOUT), "test");
    }

    private static void awaitQueued(GroupCommit group, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < count) {
            assertThat(System.nanoTime()).as("writes queued in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static Timed timed(Supplier<String> call) {
        long started = System.nanoTime();
        Throwable failure = catchThrowable(call::get);
        return new Timed(Duration.ofNanos(System.nanoTime() - started), failure);
    }

    /** How long a call took and what it threw (null: nothing). */
    private record Timed(Duration took, Throwable failure) {
    }

    /** A caller on a thread of its own, to interrupt; what it got and whether its interrupt flag was still set. */
    private static final class Caller {
        final AtomicReference<String> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        final Thread thread;

        private Caller(Supplier<String> call) {
            thread = new Thread(() -> {
                try {
                    result.set(call.get());
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
        }

        static Caller start(Supplier<String> call) {
            Caller caller = new Caller(call);
            caller.thread.start();
            return caller;
        }
    }
}
