package io.opstate.postgres.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.jdbc.WaitTimeouts;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.postgres.testing.ThrowawayCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection timeout bounds every call of 16 writing threads when the server goes away:
 * shut down, or frozen with SIGSTOP, which to the client looks like a hung host or a cut network:
 * connections stay open and nothing answers. Each call ends within the timeout plus
 * {@link WaitTimeouts#MARGIN}, failing with {@link StorageUnavailableException}; every write
 * reported as "nothing was written" is indeed absent once the server is back, every write
 * reported done is there, and the store works again. Runs on a server of its own
 * ({@link ThrowawayCluster}), never the shared one.
 */
class OutageBoundTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration OUTAGE = Duration.ofMillis(2500);
    private static final int WRITERS = 16;

    private static ThrowawayCluster cluster;

    @BeforeAll
    static void startServer() throws Exception {
        cluster = ThrowawayCluster.start();
    }

    @AfterAll
    static void removeServer() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(120)
    void whileTheServerIsStoppedEveryCallEndsWithinTheTimeout() throws Exception {
        writeThrough(cluster::stop, cluster::startServer, TIMEOUT);
    }

    @Test
    @Timeout(120)
    void whileTheServerIsFrozenEveryCallEndsWithinTheTimeout() throws Exception {
        writeThrough(cluster::freeze, cluster::thaw, TIMEOUT);
    }

    /** 16 threads write before, during and after an outage that {@code begin} starts and {@code end} ends. */
    private void writeThrough(Step begin, Step end, Duration allowed) throws Exception {
        String schema = "outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        try (Datastore store = Persistence.open(PersistenceConfig.builder(cluster.url("")).schema(schema)
                .connectionTimeout(TIMEOUT).build())) {
            warmUp(store);
            AtomicBoolean running = new AtomicBoolean(true);
            SchedulingLag lag = SchedulingLag.start(running);
            List<Future<List<Call>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String writer = "w" + w;
                writers.add(threads.submit(() -> write(store, writer, running)));
            }
            Thread.sleep(300); // the writers at full speed before the outage: the state under test
            begin.run();
            try {
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                end.run();
            }
            awaitWriting(store);
            running.set(false);
            List<Call> calls = new ArrayList<>();
            for (Future<List<Call>> writer : writers) {
                calls.addAll(writer.get(30, TimeUnit.SECONDS));
            }

            Call longest = calls.stream().max(Comparator.comparing(Call::took)).orElseThrow();
            System.out.printf("%s: %d calls, %d failed, the longest took %d ms (timeout %d ms)%n", schema,
                    calls.size(), calls.stream().filter(call -> call.failure() != null).count(),
                    longest.took().toMillis(), TIMEOUT.toMillis());
            // A busy machine delays a thread's wake-up beyond any timeout's reach; what it did to a
            // thread that only sleeps is added to the bound, so the test measures the library.
            Duration bound = allowed.plus(WaitTimeouts.MARGIN).plus(lag.worst());
            System.out.printf("worst scheduling lag seen: %d ms%n", lag.worst().toMillis());
            assertThat(calls).allSatisfy(call -> {
                assertThat(call.took()).as(call.key()).isLessThanOrEqualTo(bound);
                if (call.failure() != null) {
                    assertThat(call.failure()).isInstanceOf(StorageUnavailableException.class);
                    assertThat(call.failure().getMessage()).containsAnyOf("nothing was written", "outcome is unknown");
                }
            });
            assertThat(calls).as("calls failed by the outage").anyMatch(call -> call.failure() != null);
            Set<String> stored = stored(schema);
            assertThat(calls).allSatisfy(call -> {
                if (call.failure() == null) {
                    assertThat(stored).as("written").contains(call.key());
                } else if (call.failure().getMessage().contains("nothing was written")) {
                    assertThat(stored).as("reported as nothing written").doesNotContain(call.key());
                }
            });
        } finally {
            threads.shutdownNow();
        }
    }

    /** How late a thread that sleeps 5 ms at a time wakes, at worst, while the writers run. */
    private static final class SchedulingLag {
        private final AtomicLong worstNanos = new AtomicLong();

        static SchedulingLag start(AtomicBoolean running) {
            SchedulingLag lag = new SchedulingLag();
            Thread probe = new Thread(() -> {
                while (running.get()) {
                    long before = System.nanoTime();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long late = System.nanoTime() - before - TimeUnit.MILLISECONDS.toNanos(5);
                    lag.worstNanos.accumulateAndGet(late, Math::max);
                }
            }, "scheduling-lag-probe");
            probe.setDaemon(true);
            probe.start();
            return lag;
        }

        Duration worst() {
            return Duration.ofNanos(worstNanos.get());
        }
    }

    /** Creates jobs, and every third call a pipeline (a write on a Jdbi handle), until stopped; each call timed. */
    private static List<Call> write(Datastore store, String writer, AtomicBoolean running) {
        List<Call> calls = new ArrayList<>();
        for (int n = 0; running.get(); n++) {
            String key = writer + "-" + n;
            boolean pipeline = n % 3 == 2;
            long started = System.nanoTime();
            RuntimeException failure = null;
            try {
                if (pipeline) {
                    store.pipelines().create(NewPipeline.of(key, "{}"));
                } else {
                    store.jobs().create(NewJob.of("t").withId(key));
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            calls.add(new Call(key, Duration.ofNanos(System.nanoTime() - started), failure));
        }
        return calls;
    }

    /**
     * Each kind of write a few times first: the first call of a kind loads and compiles code for
     * hundreds of milliseconds on a busy machine, time no timeout can bound and no part of a wait.
     */
    private static void warmUp(Datastore store) {
        for (int i = 0; i < 50; i++) {
            store.jobs().create(NewJob.of("warm-up"));
            store.pipelines().create(NewPipeline.of("warm-up-" + i, "{}"));
        }
    }

    /** Waits until the store writes again after the outage: the pool reconnects on its own. */
    private static void awaitWriting(Datastore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                store.jobs().create(NewJob.of("after"));
                return;
            } catch (StorageUnavailableException e) {
                assertThat(System.nanoTime()).as("writing again after the outage: " + e.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** Job ids and pipeline names stored in {@code schema}, read on a connection of its own. */
    private static Set<String> stored(String schema) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(cluster.url(""));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM " + schema + ".opstate_jobs UNION ALL SELECT name"
                     + " FROM " + schema + ".opstate_pipelines")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    /** One call: the id or name it wrote, how long it took, what it threw (null: nothing). */
    private record Call(String key, Duration took, RuntimeException failure) {
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
