package io.opstate.core.maintenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.Datastore;
import io.opstate.StorageUnavailableException;
import io.opstate.history.NewHistoryEvent;
import io.opstate.maintenance.MaintenanceRun;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the maintenance tasks of one store handle in the background, on one daemon thread, one task
 * at a time. Before each run it takes the task's lease in the store ({@link TaskLeases}), so that of
 * every process on the store only one runs a task per interval; the job queue is never involved.
 *
 * <p>Each run is written to the history as an event {@code maintenance.<task>} whose subject is its
 * outcome ({@code ok}, {@code problems}, {@code failed}) and whose metadata holds the holder, the
 * duration and a summary; problems and failures are also logged at error level, and the store's
 * {@link io.opstate.maintenance.MaintenanceListener}s hear of every run. A task that throws is
 * reported and runs again at its next interval; while the database cannot be reached the runner
 * backs off, doubling its wait up to {@link #MAX_BACKOFF}. Closing cancels a running task between
 * two of its steps and waits for the thread to end. Thread-safe.
 */
public final class MaintenanceRunner implements AutoCloseable {
    /** How long a holder may run a task before another process may take it over (a crashed holder). */
    public static final Duration LEASE = Duration.ofHours(1);
    /** Longest wait between two attempts while the database cannot be reached. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** First wait after the database could not be reached. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** How long closing waits for a running task to stop. */
    private static final long CLOSE_WAIT_MILLIS = 30_000;
    /** The prefix of every history event the runner writes. */
    public static final String EVENT_PREFIX = "maintenance.";

    private static final System.Logger LOG = System.getLogger(MaintenanceRunner.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Datastore store;
    private final TaskLeases leases;
    private final List<MaintenanceTask> tasks;
    private final Clock clock;
    private final String holder;
    private final Map<String, Instant> nextAttempt = new HashMap<>();
    private final Cancellation cancellation = new Cancellation();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Thread thread;
    private volatile boolean closed;
    private Duration backoff = Duration.ZERO;

    private MaintenanceRunner(Datastore store, TaskLeases leases, List<MaintenanceTask> tasks, Clock clock) {
        this.store = store;
        this.leases = leases;
        this.tasks = tasks.stream().filter(MaintenanceTask::enabled).toList();
        this.clock = clock;
        this.holder = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.thread = new Thread(this::loop, "opstate-maintenance-" + holder);
        thread.setDaemon(true);
    }

    /**
     * Starts running {@code tasks} (those with a zero interval never run) through {@code store}, which
     * must stay open until this runner is closed.
     */
    public static MaintenanceRunner start(Datastore store, TaskLeases leases, List<MaintenanceTask> tasks,
                                          Clock clock) {
        MaintenanceRunner runner = new MaintenanceRunner(store, leases, tasks, clock);
        runner.thread.start();
        return runner;
    }

    /** This runner's name in the leases and history events: the process id and a random part. */
    public String holder() {
        return holder;
    }

    private void loop() {
        while (!closed) {
            Instant now = clock.instant();
            for (MaintenanceTask task : tasks) {
                if (closed) {
                    return;
                }
                if (!now.isBefore(nextAttempt.getOrDefault(task.name(), Instant.MIN))) {
                    attempt(task);
                    now = clock.instant();
                }
            }
            sleepUntil(tasks.stream().map(task -> nextAttempt.getOrDefault(task.name(), Instant.MIN))
                    .min(Instant::compareTo).orElse(Instant.MAX));
        }
    }

    private void attempt(MaintenanceTask task) {
        Instant now = clock.instant();
        try {
            var later = leases.acquire(task.name(), holder, now, task.interval(), LEASE);
            backoff = Duration.ZERO;
            if (later.isPresent()) {
                nextAttempt.put(task.name(), later.get());
                return;
            }
            try {
                run(task, now);
            } finally {
                leases.release(task.name(), holder);
            }
            nextAttempt.put(task.name(), now.plus(task.interval()));
        } catch (StorageUnavailableException e) {
            if (closed) {
                return;
            }
            backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
            LOG.log(System.Logger.Level.WARNING, "maintenance task " + task.name() + " cannot reach the store; next try in "
                    + backoff.toMillis() + " ms: " + e.getMessage());
            tasks.forEach(each -> nextAttempt.merge(each.name(), clock.instant().plus(backoff),
                    (old, retry) -> old.isAfter(retry) ? old : retry));
        } catch (RuntimeException e) {
            // A broken lease table or the like: report it, and try again at the next interval.
            LOG.log(System.Logger.Level.ERROR, "maintenance task " + task.name() + " could not be scheduled", e);
            nextAttempt.put(task.name(), now.plus(task.interval()));
        }
    }

    private void run(MaintenanceTask task, Instant startedAt) {
        long start = System.nanoTime();
        MaintenanceTask.Result result;
        try {
            result = task.work().apply(store.maintenance(), cancellation);
        } catch (OperationCancelledException e) {
            if (closed) {
                return;
            }
            result = new MaintenanceTask.Result(MaintenanceRun.Outcome.CANCELLED, String.valueOf(e));
        } catch (StorageUnavailableException e) {
            if (closed) {
                return;
            }
            report(task, startedAt, start, new MaintenanceTask.Result(MaintenanceRun.Outcome.FAILED, String.valueOf(e)));
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "maintenance task " + task.name() + " failed", e);
            result = new MaintenanceTask.Result(MaintenanceRun.Outcome.FAILED, String.valueOf(e));
        }
        report(task, startedAt, start, result);
    }

    private void report(MaintenanceTask task, Instant startedAt, long start, MaintenanceTask.Result result) {
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
        if (result.outcome() == MaintenanceRun.Outcome.OK || result.outcome() == MaintenanceRun.Outcome.CANCELLED) {
            LOG.log(System.Logger.Level.INFO, "maintenance task " + task.name() + " ok in " + tookMillis + " ms: "
                    + result.summary());
        } else {
            LOG.log(System.Logger.Level.ERROR, "maintenance task " + task.name() + " " + outcome + ": "
                    + result.summary());
        }
        ObjectNode metadata = JSON.createObjectNode()
                .put("holder", holder)
                .put("startedAt", startedAt.toString())
                .put("tookMillis", tookMillis)
                .put("summary", cut(result.summary()));
        try {
            store.history().append(NewHistoryEvent.of(EVENT_PREFIX + task.name()).withSubjectId(outcome)
                    .withMetadata(metadata.toString()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "maintenance task " + task.name() + " " + outcome
                    + ", and its history event could not be written", e);
        }
    }

    /** A summary kept well inside the smallest payload limit a store accepts. */
    private static String cut(String summary) {
        return summary.length() <= 500 ? summary : summary.substring(0, 500) + "...";
    }

    private void sleepUntil(Instant next) {
        lock.lock();
        try {
            while (!closed) {
                long millis = next == Instant.MAX ? Long.MAX_VALUE
                        : Duration.between(clock.instant(), next).toMillis();
                if (millis <= 0) {
                    return;
                }
                wakeUp.await(Math.min(millis, 60_000), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops the runner: cancels a running task between two of its steps and waits for the thread to end. Idempotent. */
    @Override
    public void close() {
        closed = true;
        cancellation.cancel();
        lock.lock();
        try {
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
