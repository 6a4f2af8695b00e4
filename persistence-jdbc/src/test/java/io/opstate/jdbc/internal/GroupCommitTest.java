package io.opstate.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.jdbc.WaitTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    /** How long the tests' writes may wait, unless a test needs another. */
    private static final WaitTimeouts TIMEOUTS = new WaitTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWriteAloneIsItsOwnTransaction() {
        FakeDatabase database = new FakeDatabase(0);
        GroupCommit group = group(database, 1, 64);

        assertThat(group.write(database.insert("a"))).isEqualTo("a");

        assertThat(database.committed).containsExactly("a");
        assertThat(database.transactions.get()).isEqualTo(1);
    }

    @Test
    void aWriteTheServerAbortedForAConflictRunsAgainAFewTimesAndNoOtherFailureDoes() {
        FakeDatabase database = new FakeDatabase(0);
        database.conflicts = failure -> failure.getMessage().startsWith("conflict");
        GroupCommit group = group(database, 1, 64);

        AtomicInteger tries = new AtomicInteger();
        String written = group.write(handle -> {
            if (tries.incrementAndGet() < 3) {
                throw new IllegalStateException("conflict " + tries.get());
            }
            database.insertNow("a");
            return "a";
        });
        assertThat(written).isEqualTo("a");
        assertThat(tries.get()).as("two aborted runs, then the committed one").isEqualTo(3);
        assertThat(database.committed).containsExactly("a");

        AtomicInteger always = new AtomicInteger();
        assertThatThrownBy(() -> group.write(handle -> {
            always.incrementAndGet();
            throw new IllegalStateException("conflict again");
        })).hasMessage("conflict again");
        assertThat(always.get()).as("the first run and the runs again").isEqualTo(1 + BatchRunner.CONFLICT_RETRIES);

        AtomicInteger once = new AtomicInteger();
        assertThatThrownBy(() -> group.write(handle -> {
            once.incrementAndGet();
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(once.get()).as("a failure of the work itself is its caller's at once").isEqualTo(1);
        assertThat(database.committed).containsExactly("a");
    }

    @Test
    void plainWritesRunWithoutAHandleUnlessTheirBatchHoldsAWriteThatNeedsOne() throws Exception {
        FakeDatabase database = new FakeDatabase(0);
        GroupCommit group = group(database, 1, 64);

        String alone = group.writePlain(connection -> database.insertPlain("alone"));

        assertThat(alone).isEqualTo("alone");
        assertThat(database.plainTransactions.get()).isEqualTo(1);
        assertThat(database.handleTransactions.get()).isZero();

        assertThat(runBehindAHeldWrite(group, database, List.of(
                () -> group.writePlain(connection -> database.insertPlain("plain-1")),
                () -> group.writePlain(connection -> database.insertPlain("plain-2")))))
                .containsExactly("plain-1", "plain-2");
        assertThat(database.plainTransactions.get()).as("the held write, then one batch of two").isEqualTo(3);
        assertThat(database.handleTransactions.get()).isZero();

        assertThat(runBehindAHeldWrite(group, database, List.of(
                () -> group.writePlain(connection -> database.insertPlain("plain-3")),
                () -> group.write(database.insert("handle-1")))))
                .containsExactly("plain-3", "handle-1");
        assertThat(database.handleTransactions.get()).as("the mixed batch").isEqualTo(1);
        assertThat(database.committed).contains("plain-1", "plain-2", "plain-3", "handle-1");
    }

    /** Holds a plain write's transaction until {@code writes} have queued behind it; their results. */
    private List<String> runBehindAHeldWrite(GroupCommit group, FakeDatabase database,
                                             List<Callable<String>> writes) throws Exception {
        CountDownLatch heldRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database.beforeWork = () -> {
            database.beforeWork = () -> { };
            heldRunning.countDown();
            await(release);
        };
        Future<String> held = threads.submit(() -> group.writePlain(connection -> database.insertPlain("held")));
        heldRunning.await();
        List<Future<String>> queued = new ArrayList<>();
        for (Callable<String> write : writes) {
            queued.add(threads.submit(write));
        }
        awaitQueued(group, writes.size());
        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        List<String> results = new ArrayList<>();
        for (Future<String> write : queued) {
            results.add(write.get(10, TimeUnit.SECONDS));
        }
        assertThat(database.largestBatch.get()).isEqualTo(writes.size());
        return results;
    }

    @Test
    void concurrentWritesShareTransactionsAndEachCallerGetsItsOwnResult() throws Exception {
        FakeDatabase database = new FakeDatabase(2);
        GroupCommit group = group(database, 1, 64);

        List<String> results = writeConcurrently(group, database, 8, 50, key -> false);

        assertThat(results).hasSize(400).doesNotHaveDuplicates();
        assertThat(database.committed).containsExactlyInAnyOrderElementsOf(results);
        assertThat(database.transactions.get()).as("transactions for 400 writes").isLessThan(200);
        assertThat(database.largestBatch.get()).isGreaterThan(1).isLessThanOrEqualTo(8);
    }

    @Test
    void aFailingWriteFailsAloneAndTheOthersOfItsBatchCommitOnce() throws Exception {
        FakeDatabase database = new FakeDatabase(2);
        GroupCommit group = group(database, 1, 64);

        List<String> results = writeConcurrently(group, database, 8, 25, key -> key.endsWith("-7"));

        List<String> expected = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            for (int i = 0; i < 25; i++) {
                expected.add(i == 7 ? "failed:" + thread + "-" + i : thread + "-" + i);
            }
        }
        assertThat(results).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(database.committed).doesNotHaveDuplicates().hasSize(8 * 24)
                .noneMatch(key -> key.endsWith("-7"));
    }

    @Test
    void aFailedCommitFailsEveryWriteOfTheBatch() throws Exception {
        FakeDatabase database = new FakeDatabase(0);
        GroupCommit group = group(database, 1, 64);
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database.beforeWork = () -> {
            firstRunning.countDown();
            await(release);
        };
        Future<String> first = threads.submit(() -> group.write(database.insert("first")));
        firstRunning.await();
        database.beforeWork = () -> { };
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String key = "queued-" + i;
            queued.add(threads.submit(() -> group.write(database.insert(key))));
        }
        awaitQueued(group, 3);
        database.failCommitsOfBatches = true;
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        for (Future<String> write : queued) {
            assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("commit failed");
        }
        assertThat(database.committed).containsExactly("first");
    }

    @Test
    void noMoreBatchesRunAtOnceThanCommittersAndNoneExceedsTheLimit() throws Exception {
        FakeDatabase database = new FakeDatabase(2);
        GroupCommit group = group(database, 2, 3);

        List<String> results = writeConcurrently(group, database, 8, 30, key -> false);

        assertThat(results).hasSize(240);
        assertThat(database.mostConcurrent.get()).isEqualTo(2);
        assertThat(database.largestBatch.get()).isEqualTo(3);
    }

    /**
     * Two batches each paying a commit are worse than one taking every waiting write: a second
     * committer starts only when more writes wait than one batch may take.
     */
    @Test
    void aSecondBatchStartsOnlyWhenAFullBatchIsWaiting() throws Exception {
        FakeDatabase database = new FakeDatabase(2);
        GroupCommit group = group(database, 2, 16);

        List<String> results = writeConcurrently(group, database, 8, 30, key -> false);

        assertThat(results).hasSize(240);
        assertThat(database.mostConcurrent.get()).as("batches running at once").isEqualTo(1);
        assertThat(database.transactions.get()).as("transactions for 240 writes").isLessThan(240);
    }

    /**
     * Commits that take no time leave every race of the hand-off open: callers woken by other
     * callers, writes queued behind full batches waiting for the next committer to wake them. A
     * caller never woken would wait for good and fail the test by its time limit.
     */
    @Test
    void withCommitsAsFastAsTheHandOffEveryCallerReturnsWithItsOwnResult() throws Exception {
        for (int committers = 1; committers <= 2; committers++) {
            FakeDatabase database = new FakeDatabase(0);
            GroupCommit group = group(database, committers, 3);

            List<String> results = writeConcurrently(group, database, 8, 2000, key -> false);

            assertThat(results).as("committers: " + committers).hasSize(16000).doesNotHaveDuplicates();
            assertThat(database.committed).containsExactlyInAnyOrderElementsOf(results);
            assertThat(group.queued()).isZero();
        }
    }

    @Test
    void writesOfOneKindInABatchShareOneCallAndFallBackAloneWhenItFails() throws Exception {
        FakeDatabase database = new FakeDatabase(2);
        GroupCommit group = group(database, 1, 64);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger largestCall = new AtomicInteger();
        MultiRowWrite<String, String> inserts = (connection, keys) -> {
            calls.incrementAndGet();
            largestCall.accumulateAndGet(keys.size(), Math::max);
            if (keys.size() > 1 && keys.stream().anyMatch(key -> key.endsWith("-3"))) {
                throw new IllegalStateException("one row of the statement is refused");
            }
            if (keys.size() == 1 && keys.get(0).equals("0-3")) {
                throw new IllegalStateException("0-3");
            }
            keys.forEach(database::insertNow);
            return keys.stream().map(key -> "row:" + key).toList();
        };
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            workers.add(threads.submit(() -> {
                start.await();
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    try {
                        mine.add(group.write(inserts, thread + "-" + i));
                    } catch (IllegalStateException e) {
                        mine.add("failed:" + e.getMessage());
                    }
                }
                return mine;
            }));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<List<String>> worker : workers) {
            results.addAll(worker.get(30, TimeUnit.SECONDS));
        }

        assertThat(results).hasSize(160).contains("failed:0-3", "row:1-3", "row:7-19").doesNotContain("row:0-3");
        assertThat(database.committed).hasSize(159).doesNotHaveDuplicates().doesNotContain("0-3");
        assertThat(largestCall.get()).as("rows in one call").isGreaterThan(1);
        assertThat(calls.get()).as("calls for 160 writes").isLessThan(160);
    }

    private List<String> writeConcurrently(GroupCommit group, FakeDatabase database, int threadCount, int writesEach,
                                           java.util.function.Predicate<String> failing) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            workers.add(threads.submit(() -> {
                start.await();
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < writesEach; i++) {
                    String key = thread + "-" + i;
                    try {
                        mine.add(group.write(failing.test(key) ? database.failing(key) : database.insert(key)));
                    } catch (IllegalStateException e) {
                        mine.add("failed:" + e.getMessage());
                    }
                }
                return mine;
            }));
        }
        start.countDown();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> worker : workers) {
            all.addAll(worker.get(30, TimeUnit.SECONDS));
        }
        return all;
    }

    private static GroupCommit group(FakeDatabase database, int committers, int maxBatch) {
        return new GroupCommit(database, committers, maxBatch, TIMEOUTS, "test");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQueued(GroupCommit group, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < count) {
            assertThat(System.nanoTime()).as("writes queued in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
