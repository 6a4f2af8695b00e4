package io.opstate.examples;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.Job;
import io.opstate.schedules.Schedule;
import io.opstate.spi.Urls;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The first program to run with OpState. It behaves like a small control plane:
 *
 * <ol>
 *   <li>opens a store from {@code OPSTATE_URL} (default: an SQLite file under {@code data/} when
 *       the SQLite backend is on the classpath, else an in-memory store);
 *   <li>creates, or updates on a re-run, a pipeline and its cron schedule;
 *   <li>enqueues a batch of report jobs with JSON payloads;
 *   <li>lets three worker threads claim them, report progress, and complete or fail them
 *       (with retries), recording one execution per attempt and history events;
 *   <li>records the batch as a run of the schedule and prints a summary.
 * </ol>
 *
 * <p>It uses only the public API; the backend is chosen by {@link Persistence} from the URL.
 */
public final class QuickstartHost {
    static final int WORKER_COUNT = 3;

    private QuickstartHost() {
    }

    public static void main(String[] args) throws InterruptedException {
        PersistenceConfig config = QuickstartConfig.fromEnvironment(System.getenv());
        Summary summary = run(config, System.out);
        summary.print(System.out);
    }

    /** Runs the whole tour against the store {@code config} names and returns what it found at the end. */
    public static Summary run(PersistenceConfig config, PrintStream out) throws InterruptedException {
        long startNanos = System.nanoTime();
        out.printf("Opening %s ...%n", Urls.mask(config.url()));
        try (Datastore store = Persistence.open(config)) {
            out.printf("Backend: %s%s%n", store.backendName(), QuickstartConfig.describe(store.backendName()));

            Schedule schedule = ReportPipeline.defineIn(store, out);
            Instant batchStart = config.clock().instant().truncatedTo(ChronoUnit.MICROS);
            List<Job> jobs = ReportPipeline.enqueueBatch(store);
            out.printf("Enqueued %d report jobs%n", jobs.size());

            Batch batch = new Batch(store, schedule, batchStart);
            runWorkers(store, batch, config, out);
            Schedule afterRun = batch.recordAsScheduleRun(config.clock().instant());

            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            return Summary.collect(store, batch, afterRun, config.clock().instant(), elapsed);
        }
    }

    /** Runs the workers until the batch is done; a worker that crashed fails the run. */
    private static void runWorkers(Datastore store, Batch batch, PersistenceConfig config, PrintStream out)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> crashes = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= WORKER_COUNT; i++) {
            Worker worker = new Worker("worker-" + i, store, batch, config.clock(), out);
            Thread thread = new Thread(worker, worker.id());
            thread.setUncaughtExceptionHandler((t, e) -> crashes.add(e));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!crashes.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("a worker crashed", crashes.get(0));
            crashes.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
