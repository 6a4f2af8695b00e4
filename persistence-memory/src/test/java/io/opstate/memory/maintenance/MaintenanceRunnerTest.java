package io.opstate.memory.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.SortOrder;
import io.opstate.StorageUnavailableException;
import io.opstate.core.maintenance.MaintenanceRunner;
import io.opstate.core.maintenance.MaintenanceTask;
import io.opstate.core.maintenance.TaskLeases;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.maintenance.MaintenanceRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner on its own: it survives a failing task, backs off while the store is unreachable, and stops on close. */
class MaintenanceRunnerTest {
    private static final Duration EVERY = Duration.ofMillis(100);

    @Test
    @Timeout(30)
    void aFailingTaskIsReportedAndRunsAgainAtItsNextInterval() throws Exception {
        try (Datastore store = Persistence.open("memory:")) {
            AtomicInteger runs = new AtomicInteger();
            MaintenanceTask failing = new MaintenanceTask("failing", EVERY, (maintenance, cancellation) -> {
                runs.incrementAndGet();
                throw new IllegalStateException("disk on fire");
            });
            MaintenanceTask fine = new MaintenanceTask("fine", EVERY, (maintenance, cancellation) ->
                    new MaintenanceTask.Result(MaintenanceRun.Outcome.OK, "did it"));
            try (MaintenanceRunner runner = MaintenanceRunner.start(store, new AlwaysDue(), List.of(failing, fine),
                    Clock.systemUTC())) {
                while (runs.get() < 3) {
                    Thread.sleep(20);
                }
            }
            List<HistoryEvent> failed = events(store, "maintenance.failing");
            assertThat(failed).hasSizeGreaterThanOrEqualTo(3).allSatisfy(event -> {
                assertThat(event.subjectId()).isEqualTo("failed");
                assertThat(event.metadata()).contains("disk on fire");
            });
            assertThat(events(store, "maintenance.fine")).isNotEmpty()
                    .allSatisfy(event -> assertThat(event.subjectId()).isEqualTo("ok"));
        }
    }

    @Test
    @Timeout(30)
    void anUnreachableStoreIsRetriedAfterAGrowingWait() throws Exception {
        try (Datastore store = Persistence.open("memory:")) {
            List<Instant> attempts = new CopyOnWriteArrayList<>();
            TaskLeases downThenUp = new AlwaysDue() {
                @Override
                public Optional<Instant> acquire(String task, String holder, Instant now, Duration interval,
                                                 Duration lease) {
                    attempts.add(Instant.now());
                    if (attempts.size() <= 3) {
                        throw new StorageUnavailableException("database down");
                    }
                    return super.acquire(task, holder, now, interval, lease);
                }
            };
            AtomicInteger runs = new AtomicInteger();
            MaintenanceTask task = new MaintenanceTask("task", EVERY, (maintenance, cancellation) -> {
                runs.incrementAndGet();
                return new MaintenanceTask.Result(MaintenanceRun.Outcome.OK, "ran");
            });
            try (MaintenanceRunner runner = MaintenanceRunner.start(store, downThenUp, List.of(task), Clock.systemUTC())) {
                while (runs.get() < 1) {
                    Thread.sleep(20);
                }
            }
            assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(Duration.between(attempts.get(2), attempts.get(3))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        }
    }

    @Test
    @Timeout(30)
    void closingStopsALongTaskBetweenItsStepsAndWritesNoEvent() throws Exception {
        try (Datastore store = Persistence.open("memory:")) {
            AtomicInteger started = new AtomicInteger();
            MaintenanceTask slow = new MaintenanceTask("slow", EVERY, (maintenance, cancellation) -> {
                started.incrementAndGet();
                while (true) {
                    cancellation.throwIfCancelled("slow");
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            MaintenanceRunner runner = MaintenanceRunner.start(store, new AlwaysDue(), List.of(slow), Clock.systemUTC());
            while (started.get() == 0) {
                Thread.sleep(10);
            }
            long closing = System.nanoTime();
            runner.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
            assertThat(events(store, "maintenance.slow")).isEmpty();
            assertThat(started.get()).isEqualTo(1);
        }
    }

    private static List<HistoryEvent> events(Datastore store, String event) {
        try (Stream<HistoryEvent> events = store.history().stream(HistoryQuery.all().withEvent(event),
                SortOrder.OLDEST_FIRST)) {
            return events.toList();
        }
    }

    /** Leases that are always free and due: every attempt runs. */
    private static class AlwaysDue implements TaskLeases {
        @Override
        public Optional<Instant> acquire(String task, String holder, Instant now, Duration interval, Duration lease) {
            return Optional.empty();
        }

        @Override
        public void release(String task, String holder) {
        }
    }
}
