package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.spi.DatastoreProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every contract class. A backend's leaf test only says how to reach a new, empty store:
 *
 * <pre>{@code
 * class MemoryJobLifecycleTest extends JobLifecycleContract {
 *     protected PersistenceConfig.Builder freshStore() {
 *         return PersistenceConfig.builder("memory:");
 *     }
 * }
 * }</pre>
 *
 * <p>Before each test the store is opened through {@link Persistence#open(PersistenceConfig)}
 * (the {@link java.util.ServiceLoader} path a host uses) with a {@link SettableClock}; after
 * each test it is closed. Tests never sleep: they move {@link #clock}.
 *
 * <p>This kit is the TCK of API level {@value DatastoreProvider#API_LEVEL}: a backend passing it
 * implements every {@link io.opstate.Datastore} accessor of that level. Opening through
 * {@link Persistence} refuses a provider reporting another level, so every contract fails for it.
 */
public abstract class TckSupport {
    /** The lease most tests claim with. */
    protected static final Duration LEASE = Duration.ofSeconds(30);
    /** What the store reads as "now" before a test moves the clock: {@link SettableClock#START} truncated. */
    protected static final Instant T0 = SettableClock.START.truncatedTo(ChronoUnit.MICROS);
    /** How many threads {@link #onAllThreads} runs. */
    protected static final int THREADS = 8;

    protected SettableClock clock;
    protected Datastore store;

    /**
     * A configuration builder for a new, empty store of the backend under test (for example a
     * fresh temporary SQLite file, or a fresh PostgreSQL schema). The kit adds its clock and
     * may tighten limits; it opens and closes the store itself.
     */
    protected abstract PersistenceConfig.Builder freshStore();

    /** Hook for contracts that need other settings, such as a small payload limit. */
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder;
    }

    @BeforeEach
    void openStore() {
        clock = new SettableClock();
        store = Persistence.open(configure(freshStore()).clock(clock).build());
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected JobRepository jobs() {
        return store.jobs();
    }

    protected PipelineRepository pipelines() {
        return store.pipelines();
    }

    protected ScheduleRepository schedules() {
        return store.schedules();
    }

    protected ExecutionRepository executions() {
        return store.executions();
    }

    protected HistoryRepository history() {
        return store.history();
    }

    /** The store's "now": the clock truncated to microseconds. */
    protected Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves the clock and returns the store's new "now". */
    protected Instant advance(Duration amount) {
        clock.advance(amount);
        return now();
    }

    /** Creates a job of {@code type} and claims it for {@code worker}; fails if another job is claimed. */
    protected Job createAndClaim(String type, String worker) {
        Job created = jobs().create(NewJob.of(type));
        Job claimed = jobs().claimNext(worker, Set.of(type), LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo(created.id());
        return claimed;
    }

    /**
     * Asserts that {@code call} is rejected with {@link InvalidInputException} naming
     * {@code field}, and that the store is observably unchanged afterwards.
     */
    protected InvalidInputException assertRejected(String field, ThrowingCallable call) {
        InvalidInputException e = assertFailsUnchanged(InvalidInputException.class, call);
        assertThat(e.field()).as("field named by: %s", e.getMessage()).isEqualTo(field);
        return e;
    }

    /**
     * Runs {@code task} on {@link #THREADS} threads released together and returns their results,
     * in no particular order; rethrows the first failure, and gives up after five minutes.
     */
    protected static <T> List<T> onAllThreads(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Asserts that {@code call} throws {@code type} and leaves the store observably unchanged. */
    protected <E extends Throwable> E assertFailsUnchanged(Class<E> type, ThrowingCallable call) {
        StoreSnapshot before = StoreSnapshot.of(store);
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s", type.getSimpleName()).isInstanceOf(type);
        assertThat(StoreSnapshot.of(store)).as("store after a rejected call").isEqualTo(before);
        return type.cast(thrown);
    }
}
