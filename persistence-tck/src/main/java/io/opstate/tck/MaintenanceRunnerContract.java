package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.SortOrder;
import io.opstate.core.maintenance.TaskLeases;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.maintenance.MaintenanceRun;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The background maintenance runner ({@code opstate.maintenance.enabled}): with two handles on one
 * store, each as a separate process would open it, each task runs once per interval across both,
 * every run is a history event, and the job queue never sees a maintenance task. Runs on the real
 * clock, with short intervals.
 */
public abstract class MaintenanceRunnerContract {
    private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(300);
    private static final Duration OPTIMIZE_EVERY = Duration.ofMillis(900);
    private static final Duration INTEGRITY_EVERY = Duration.ofMillis(1200);
    private static final Duration WINDOW = Duration.ofMillis(4000);
    private static final Pattern STARTED = Pattern.compile("\"startedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HOLDER = Pattern.compile("\"holder\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * A configuration of a new, empty store that a second {@link Persistence#open} of the same
     * configuration opens again (a file, a PostgreSQL schema, a named memory store).
     */
    protected abstract PersistenceConfig.Builder sharedStore();

    @Test
    @Timeout(60)
    @DisplayName("two handles with the runner on: each task runs once per interval across both; jobs never see it")
    void eachTaskOncePerIntervalAcrossTwoHandles() throws Exception {
        PersistenceConfig config = sharedStore()
                .set(Settings.MAINTENANCE_ENABLED, true)
                .set(Settings.MAINTENANCE_CHECKPOINT_INTERVAL, CHECKPOINT_EVERY)
                .set(Settings.MAINTENANCE_OPTIMIZE_INTERVAL, OPTIMIZE_EVERY)
                .set(Settings.MAINTENANCE_INTEGRITY_INTERVAL, INTEGRITY_EVERY)
                .build();
        List<MaintenanceRun> heard = new CopyOnWriteArrayList<>();
        List<HistoryEvent> checkpoints;
        List<HistoryEvent> optimizations;
        List<HistoryEvent> integrityChecks;
        Map<JobStatus, Long> jobCounts;
        Instant opened;
        Instant closed;
        // A third handle, its runner off, holds the store open and reads the history once both runners stopped.
        try (Datastore reader = Persistence.open(config.toBuilder().set(Settings.MAINTENANCE_ENABLED, false).build())) {
            opened = Instant.now();
            try (Datastore first = Persistence.open(config)) {
                first.maintenance().addListener(heard::add);
                try (Datastore second = Persistence.open(config)) {
                    second.maintenance().addListener(heard::add);
                    String jobId = first.jobs().create(NewJob.of("host-work")).id();
                    Thread.sleep(WINDOW.toMillis());
                    // A worker of the host claiming any type gets the host's job, and then nothing.
                    assertThat(second.jobs().claimNext("worker", Set.of(), Duration.ofSeconds(30)))
                            .hasValueSatisfying(job -> assertThat(job.id()).isEqualTo(jobId));
                    assertThat(first.jobs().claimNext("worker", Set.of(), Duration.ofSeconds(30))).isEmpty();
                    jobCounts = first.jobs().countByStatus(JobQuery.all());
                }
            }
            closed = Instant.now();
            checkpoints = events(reader, MaintenanceRun.CHECKPOINT);
            optimizations = events(reader, MaintenanceRun.OPTIMIZE);
            integrityChecks = events(reader, MaintenanceRun.INTEGRITY_CHECK);
        }
        assertThat(jobCounts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertOncePerInterval(checkpoints, CHECKPOINT_EVERY, opened, closed);
        assertOncePerInterval(optimizations, OPTIMIZE_EVERY, opened, closed);
        assertOncePerInterval(integrityChecks, INTEGRITY_EVERY, opened, closed);
        // A run the closing store cancelled midway is heard, as cancelled, but leaves no event; a handle's
        // first runs may start before its listener is added (at most one per task and handle: the next is an interval on).
        int events = checkpoints.size() + optimizations.size() + integrityChecks.size();
        assertThat(heard.stream().filter(run -> run.outcome() != MaintenanceRun.Outcome.CANCELLED).count())
                .as("listeners of both handles hear each run once").isBetween(events - 6L, (long) events);
        assertThat(Stream.of(checkpoints, optimizations, integrityChecks).flatMap(List::stream)
                .map(event -> field(HOLDER, event)).distinct().count())
                .as("both handles took part").isEqualTo(2);
        assertThat(heard).allSatisfy(run -> assertThat(run.outcome()).isIn(MaintenanceRun.Outcome.OK,
                MaintenanceRun.Outcome.CANCELLED));
    }

    @Test
    @DisplayName("a holder that finds a task's lease taken asks again when the task is next due, not when the lease would end")
    void aTakenLeaseIsAskedForAgainWhenTheTaskIsDue() {
        Duration interval = Duration.ofSeconds(10);
        Duration lease = Duration.ofHours(1);
        Instant t0 = Instant.parse("2026-12-05T10:00:00Z");
        try (Datastore store = Persistence.open(sharedStore().build())) {
            TaskLeases leases = store.unwrap(TaskLeases.class).orElseThrow();
            assertThat(leases.acquire("lease-test", "a", t0, interval, lease)).isEmpty();
            // a runs; b asks meanwhile: next due, not the hour the lease could last
            assertThat(leases.acquire("lease-test", "b", t0.plusSeconds(1), interval, lease)).contains(t0.plus(interval));
            leases.release("lease-test", "a");
            assertThat(leases.acquire("lease-test", "b", t0.plusSeconds(5), interval, lease)).contains(t0.plus(interval));
            assertThat(leases.acquire("lease-test", "b", t0.plus(interval), interval, lease)).isEmpty();
            // b dies holding it: due again at t0 + 20 s, still leased, so ask an interval on, not at the lease's end
            Instant late = t0.plusSeconds(25);
            assertThat(leases.acquire("lease-test", "a", late, interval, lease)).contains(late.plus(interval));
            // once the lease has run out, the task is taken over
            assertThat(leases.acquire("lease-test", "a", t0.plus(interval).plus(lease), interval, lease)).isEmpty();
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("closing a store stops its runner: no run starts afterwards")
    void closeStopsTheRunner() throws Exception {
        PersistenceConfig config = sharedStore()
                .set(Settings.MAINTENANCE_ENABLED, true)
                .set(Settings.MAINTENANCE_CHECKPOINT_INTERVAL, Duration.ofMillis(100))
                .set(Settings.MAINTENANCE_OPTIMIZE_INTERVAL, Duration.ZERO)
                .set(Settings.MAINTENANCE_INTEGRITY_INTERVAL, Duration.ZERO)
                .build();
        try (Datastore keeper = Persistence.open(config.toBuilder().set(Settings.MAINTENANCE_ENABLED, false).build())) {
            try (Datastore running = Persistence.open(config)) {
                Thread.sleep(500);
            }
            long afterClose = events(keeper, MaintenanceRun.CHECKPOINT).size();
            assertThat(afterClose).isPositive();
            Thread.sleep(500);
            assertThat(events(keeper, MaintenanceRun.CHECKPOINT)).hasSize((int) afterClose);
            assertThat(events(keeper, MaintenanceRun.OPTIMIZE)).isEmpty();
            assertThat(events(keeper, MaintenanceRun.INTEGRITY_CHECK)).isEmpty();
        }
    }

    private static List<HistoryEvent> events(Datastore store, String task) {
        try (Stream<HistoryEvent> events = store.history().stream(
                HistoryQuery.all().withEvent("maintenance." + task), SortOrder.OLDEST_FIRST)) {
            return events.toList();
        }
    }

    /**
     * Runs started at least an interval apart, whichever handle ran them: at most as many as the time
     * both runners were open holds, and at least half as many as the {@link #WINDOW} both certainly
     * ran in (a loaded machine runs late, never early).
     */
    private static void assertOncePerInterval(List<HistoryEvent> events, Duration interval, Instant opened,
                                              Instant closed) {
        // at the stores' precision, microseconds: the next run is due an interval after the stored
        // start, so against the runner's nanosecond clock a gap may fall short by under a microsecond
        List<Instant> starts = events.stream()
                .map(event -> Instant.parse(field(STARTED, event)).truncatedTo(ChronoUnit.MICROS))
                .sorted().toList();
        long most = Duration.between(opened, closed).toMillis() / interval.toMillis() + 1;
        long least = Math.max(1, WINDOW.toMillis() / interval.toMillis() / 2);
        assertThat(starts).as("runs of every %s", interval).hasSizeGreaterThanOrEqualTo((int) least)
                .hasSizeLessThanOrEqualTo((int) most);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i))).as("gap before run %d", i)
                    .isGreaterThanOrEqualTo(interval);
        }
        assertThat(events).allSatisfy(event -> {
            assertThat(event.subjectId()).isEqualTo("ok");
            assertThat(field(HOLDER, event)).isNotBlank();
        });
    }

    private static String field(Pattern pattern, HistoryEvent event) {
        Matcher matcher = pattern.matcher(event.metadata());
        assertThat(matcher.find()).as("metadata %s", event.metadata()).isTrue();
        return matcher.group(1);
    }
}
