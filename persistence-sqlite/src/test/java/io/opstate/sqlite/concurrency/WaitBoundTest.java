package io.opstate.sqlite.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jdbc.WaitTimeouts;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waits of a write end in time. Another connection holds the write lock ({@code BEGIN
 * IMMEDIATE}, as a second process or an open {@code sqlite3} session would) while several threads
 * of the store write: each call's wait for the lock is counted from the call, not from when its
 * turn came, so every call ends within the busy timeout plus {@link WaitTimeouts#MARGIN}, however
 * many threads queue behind each other, with {@link StorageUnavailableException} and nothing
 * written. A caller interrupted while it waits for its turn or for the writer returns at once.
 */
class WaitBoundTest {
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(1);
    /** Longer than the busy timeout, so that only the lock's own bound can explain a call ending in time. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final int WRITERS = 8;

    @TempDir
    Path folder;

    private Path file;

    @BeforeEach
    void createStore() {
        file = folder.resolve("locked.db");
        Persistence.open(SqliteFile.url(file)).close();
    }

    @Test
    @Timeout(30)
    void whileAnotherConnectionHoldsTheLockEveryWriteEndsWithinTheBusyTimeoutAndWritesNothing() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        try (Datastore store = open(BUSY_TIMEOUT); Connection other = SqliteFile.connect(file);
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Call>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String writer = "w" + w;
                writers.add(threads.submit(() -> {
                    start.await();
                    return List.of(
                            Call.timed(() -> store.jobs().create(NewJob.of("t").withId(writer + "-job"))),
                            Call.timed(() -> store.pipelines().create(NewPipeline.of(writer + "-pipeline", "{}"))),
                            Call.timed(() -> store.history().append(NewHistoryEvent.of(writer + "-event"))));
                }));
            }
            start.countDown();
            List<Call> calls = new ArrayList<>();
            for (Future<List<Call>> writer : writers) {
                calls.addAll(writer.get(20, TimeUnit.SECONDS));
            }
            lock.execute("ROLLBACK");

            assertThat(calls).hasSize(3 * WRITERS).allSatisfy(call -> {
                assertThat(call.failure()).isInstanceOf(StorageUnavailableException.class)
                        .hasMessageContaining("nothing was written");
                assertThat(call.took()).isLessThanOrEqualTo(BUSY_TIMEOUT.plus(WaitTimeouts.MARGIN));
            });
            assertThat(SqliteFile.strings(file, "SELECT count(*) FROM opstate_jobs")).containsExactly("0");
            assertThat(SqliteFile.strings(file, "SELECT count(*) FROM opstate_pipelines")).containsExactly("0");
            assertThat(SqliteFile.strings(file, "SELECT count(*) FROM opstate_history")).containsExactly("0");
            assertThat(store.jobs().create(NewJob.of("t").withId("after")).id()).isEqualTo("after");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The lock is held past the busy timeout of the first two writes but not of the third, which
     * queued with the second: their shared wait for the lock runs out at the second's deadline,
     * and the third waits on for the rest of its own busy timeout and commits.
     */
    @Test
    @Timeout(30)
    void aWriteQueuedWithAnOlderOneStillWaitsItsOwnBusyTimeoutForTheLock() throws Exception {
        try (Datastore store = open(BUSY_TIMEOUT); Connection other = SqliteFile.connect(file);
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            // When each write arrives and when the lock is let go is the situation under test.
            CompletableFuture<Call> first = CompletableFuture.supplyAsync(
                    () -> Call.timed(() -> store.jobs().create(NewJob.of("t").withId("first"))));
            Thread.sleep(50);
            CompletableFuture<Call> second = CompletableFuture.supplyAsync(
                    () -> Call.timed(() -> store.jobs().create(NewJob.of("t").withId("second"))));
            Thread.sleep(550);
            CompletableFuture<Call> third = CompletableFuture.supplyAsync(
                    () -> Call.timed(() -> store.jobs().create(NewJob.of("t").withId("third"))));
            Thread.sleep(600);
            lock.execute("ROLLBACK");

            assertThat(first.get(10, TimeUnit.SECONDS).failure()).isInstanceOf(StorageUnavailableException.class);
            assertThat(second.get(10, TimeUnit.SECONDS).failure()).isInstanceOf(StorageUnavailableException.class);
            assertThat(third.get(10, TimeUnit.SECONDS).failure()).isNull();
            assertThat(store.jobs().find("third")).isPresent();
            assertThat(store.jobs().find("second")).isEmpty();
        }
    }

    @Test
    @Timeout(30)
    void aWriterInterruptedWhileQueuedBehindTheLockReturnsAtOnceAndItsWriteIsNeverMade() throws Exception {
        try (Datastore store = open(Duration.ofSeconds(10)); Connection other = SqliteFile.connect(file);
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            CompletableFuture<String> first = CompletableFuture.supplyAsync(
                    () -> store.jobs().create(NewJob.of("t").withId("first")).id());
            awaitWaiting(first);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
            Thread queued = new Thread(() -> {
                try {
                    store.jobs().create(NewJob.of("t").withId("queued"));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                interruptFlag.set(Thread.currentThread().isInterrupted());
            });
            queued.start();
            awaitParked(queued);

            long interrupted = System.nanoTime();
            queued.interrupt();
            queued.join(TimeUnit.SECONDS.toMillis(5));

            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofMillis(200));
            assertThat(failure.get()).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("nothing was written").hasMessageContaining("interrupted");
            assertThat(interruptFlag.get()).as("interrupt flag kept").isTrue();
            lock.execute("COMMIT");
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(store.jobs().find("queued")).isEmpty();
        }
    }

    @Test
    @Timeout(30)
    void aTransactionInterruptedWhileWaitingForTheWriterReturnsAtOnceWithNothingWritten() throws Exception {
        try (Datastore store = open(BUSY_TIMEOUT)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> store.useTransaction(tx -> {
                tx.jobs().create(NewJob.of("t").withId("holder"));
                holding.countDown();
                await(release);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
            Thread waiting = new Thread(() -> {
                try {
                    store.useTransaction(tx -> tx.jobs().create(NewJob.of("t").withId("waiting")));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                interruptFlag.set(Thread.currentThread().isInterrupted());
            });
            waiting.start();
            awaitParked(waiting);

            long interrupted = System.nanoTime();
            waiting.interrupt();
            waiting.join(TimeUnit.SECONDS.toMillis(5));

            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofMillis(200));
            assertThat(failure.get()).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("nothing was written");
            assertThat(interruptFlag.get()).as("interrupt flag kept").isTrue();
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertThat(store.jobs().find("holder")).isPresent();
            assertThat(store.jobs().find("waiting")).isEmpty();
        }
    }

    private Datastore open(Duration busyTimeout) {
        return Persistence.open(PersistenceConfig.builder(SqliteFile.url(file)).busyTimeout(busyTimeout)
                .connectionTimeout(CONNECTION_TIMEOUT).build());
    }

    /** The first write is blocked on the lock: it has been running a while without finishing. */
    private static void awaitWaiting(CompletableFuture<String> write) throws InterruptedException {
        // Nothing outside the store can see it wait inside SQLite; a pause long enough to get there is what is left.
        Thread.sleep(200);
        assertThat(write).as("the first write waits for the lock").isNotDone();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code thread} is parked: waiting for its turn to commit, or for the writer connection. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the second write queued in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** How long a call took and what it threw (null: nothing). */
    private record Call(Duration took, Throwable failure) {
        static Call timed(Runnable call) {
            long started = System.nanoTime();
            Throwable failure = null;
            try {
                call.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            return new Call(Duration.ofNanos(System.nanoTime() - started), failure);
        }
    }
}
