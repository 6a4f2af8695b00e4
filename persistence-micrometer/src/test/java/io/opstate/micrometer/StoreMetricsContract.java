package io.opstate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opstate.Datastore;
import io.opstate.NotFoundException;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.Construct;
import io.opstate.constructs.NewConstruct;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.tck.SettableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every meter of {@link OpStateMetrics} exists and moves when the store does, on one backend; a
 * leaf per backend says what it has (a database file, migrations, combined commits, pools).
 */
abstract class StoreMetricsContract {
    static final Duration REFRESH = Duration.ofSeconds(10);

    final MockClock ticker = new MockClock();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, ticker);
    final SettableClock clock = new SettableClock();
    OpStateMetrics metrics;
    Datastore store;

    /** A configuration of a new, empty store of the backend, stamped by {@code clock}. */
    abstract PersistenceConfig.Builder freshStore();

    /** Whether the backend knows its size ({@link io.opstate.Health#storageBytes()}). */
    abstract boolean knowsItsSize();

    /** Whether the backend migrates a schema, combines writes into transactions and pools connections. */
    abstract boolean isSql();

    @BeforeEach
    void open() {
        metrics = OpStateMetrics.builder(registry).tags("store", "test").refreshInterval(REFRESH).clock(clock).build();
        store = metrics.open(freshStore().clock(clock).build());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    @DisplayName("a maintenance run of the store moves the maintenance timer of its task")
    void maintenanceRunsReachTheMeter() {
        store.maintenance().checkpoint();
        store.maintenance().checkIntegrity();

        assertThat(registry.get(MeterNames.MAINTENANCE_TASKS).tags("task", "checkpoint", "outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(MeterNames.MAINTENANCE_TASKS).tags("task", "integrity-check", "outcome", "success")
                .timer().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("jobs per status: read from the store, kept for the refresh interval, then read again")
    void jobsPerStatus() {
        assertThat(gauge(MeterNames.JOBS, "status", "queued")).isZero();
        store.jobs().create(NewJob.of("t"));
        store.jobs().create(NewJob.of("t"));
        assertThat(gauge(MeterNames.JOBS, "status", "queued")).as("kept until the interval passed").isZero();

        ticker.add(REFRESH);
        assertThat(gauge(MeterNames.JOBS, "status", "queued")).isEqualTo(2);
        store.jobs().claimNext("w", Set.of(), Duration.ofMinutes(1)).orElseThrow();
        ticker.add(REFRESH);
        assertThat(gauge(MeterNames.JOBS, "status", "queued")).isEqualTo(1);
        assertThat(gauge(MeterNames.JOBS, "status", "running")).isEqualTo(1);
        assertThat(gauge(MeterNames.JOBS, "status", "succeeded")).isZero();
        assertThat(gauge(MeterNames.JOBS, "status", "failed")).isZero();
        assertThat(gauge(MeterNames.JOBS, "status", "cancelled")).isZero();
    }

    @Test
    @DisplayName("queue age: how long the longest-waiting claimable job has waited; 0 when none waits")
    void queueAge() {
        assertThat(gauge(MeterNames.QUEUE_AGE)).isZero();
        store.jobs().create(NewJob.of("t"));
        clock.advance(Duration.ofSeconds(30));
        store.jobs().create(NewJob.of("t"));
        clock.advance(Duration.ofSeconds(12));
        ticker.add(REFRESH);
        assertThat(registry.get(MeterNames.QUEUE_AGE).timeGauge().value(TimeUnit.SECONDS)).isCloseTo(42, within());

        store.jobs().claimNext("w", Set.of(), Duration.ofMinutes(1)).orElseThrow();
        ticker.add(REFRESH);
        assertThat(registry.get(MeterNames.QUEUE_AGE).timeGauge().value(TimeUnit.SECONDS)).isCloseTo(12, within());
    }

    @Test
    @DisplayName("storage size: the database's bytes where the backend knows them, growing with data")
    void storageSize() {
        double empty = gauge(MeterNames.STORAGE_SIZE);
        if (!knowsItsSize()) {
            assertThat(empty).isNaN();
            return;
        }
        assertThat(empty).isPositive();
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            jobs.add(NewJob.of("fill").withPayload("{\"blob\": \"" + "x".repeat(1_000) + i + "\"}"));
        }
        store.jobs().createAll(jobs);
        ticker.add(REFRESH);
        assertThat(gauge(MeterNames.STORAGE_SIZE)).isGreaterThan(empty);
    }

    @Test
    @DisplayName("artifacts: their number and bytes, as put and as stored")
    void artifacts() {
        assertThat(gauge(MeterNames.ARTIFACTS)).isZero();
        Construct construct = store.constructs().create(NewConstruct.of("agent", "active"));
        byte[] content = "some text that is put as an artifact".getBytes(StandardCharsets.UTF_8);
        store.artifacts().put(NewArtifact.of(construct.id(), "log", "run.txt", "text/plain"),
                new ByteArrayInputStream(content));
        ticker.add(REFRESH);
        assertThat(gauge(MeterNames.ARTIFACTS)).isEqualTo(1);
        assertThat(gauge(MeterNames.ARTIFACTS_SIZE, "form", "logical")).isEqualTo(content.length);
        assertThat(gauge(MeterNames.ARTIFACTS_SIZE, "form", "stored")).isPositive();
    }

    @Test
    @DisplayName("repository calls: one timer per operation and outcome, the exception named, inside transactions too")
    void repositoryCalls() {
        Job job = store.jobs().create(NewJob.of("t"));
        store.jobs().get(job.id());
        assertThatThrownBy(() -> store.jobs().get("missing")).isInstanceOf(NotFoundException.class);
        store.useTransaction(transaction -> transaction.jobs().create(NewJob.of("t")));

        assertThat(calls("jobs", "create", "success", "none").count()).isEqualTo(2);
        assertThat(calls("jobs", "get", "success", "none").count()).isEqualTo(1);
        assertThat(calls("jobs", "get", "failure", "NotFoundException").count()).isEqualTo(1);
        assertThat(calls("datastore", "inTransaction", "success", "none").count()).isEqualTo(1);
        assertThat(calls("jobs", "claimNext", "success", "none").count()).as("registered before any call").isZero();
        assertThat(calls("jobs", "create", "success", "none").totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    @DisplayName("migration duration: the migration the open ran, recorded in a histogram")
    void migrationDuration() {
        Timer migrations = registry.get(MeterNames.MIGRATION_DURATION).tag("store", "test").timer();
        assertThat(migrations.count()).isEqualTo(isSql() ? 1 : 0);
        if (isSql()) {
            assertThat(migrations.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            var buckets = migrations.takeSnapshot().histogramCounts();
            assertThat(buckets).as("a histogram: 0.1 s, 1 s, 10 s, 1 min, 10 min, 1 h").hasSize(6);
            assertThat(buckets[5].count()).as("the migration, within the hour").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("group commit: every single write counted once in the batch sizes, however the threads combine")
    void commitBatches() throws Exception {
        double before = registry.get(MeterNames.COMMIT_BATCH_SIZE).summary().totalAmount();
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        store.jobs().create(NewJob.of("t"));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double written = registry.get(MeterNames.COMMIT_BATCH_SIZE).summary().totalAmount() - before;
        long batches = registry.get(MeterNames.COMMIT_BATCH_DURATION).timer().count();
        if (isSql()) {
            assertThat(written).isEqualTo(threads * perThread);
            assertThat(batches).isBetween(1L, (long) threads * perThread);
        } else {
            assertThat(written).isZero();
            assertThat(batches).isZero();
        }
    }

    @Test
    @DisplayName("HikariCP's own pool metrics, tagged with the pool's name, where the backend pools connections")
    void poolMetrics() {
        var pools = registry.find("hikaricp.connections").gauges();
        if (!isSql()) {
            assertThat(pools).isEmpty();
            return;
        }
        assertThat(pools).isNotEmpty();
        assertThat(pools).allSatisfy(gauge -> assertThat(gauge.getId().getTag("pool")).startsWith("opstate-"));
        store.jobs().create(NewJob.of("t"));
        assertThat(registry.find("hikaricp.connections.usage").timers())
                .anySatisfy(usage -> assertThat(usage.count()).isPositive());
    }

    @Test
    @DisplayName("closing the bound store removes its gauges")
    void closeRemovesGauges() {
        assertThat(registry.find(MeterNames.JOBS).gauges()).hasSize(5);
        store.close();
        store = null;
        assertThat(registry.find(MeterNames.JOBS).gauges()).isEmpty();
        assertThat(registry.find(MeterNames.QUEUE_AGE).timeGauges()).isEmpty();
        assertThat(registry.find(MeterNames.STORAGE_SIZE).gauges()).isEmpty();
    }

    double gauge(String name, String... tags) {
        Gauge gauge = registry.get(name).tag("store", "test").tags(tags).gauge();
        return gauge.value();
    }

    Timer calls(String repository, String operation, String outcome, String exception) {
        return registry.get(MeterNames.REPOSITORY_CALLS).tags("store", "test", "repository", repository,
                "operation", operation, "outcome", outcome, "exception", exception).timer();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.001);
    }
}
