package io.opstate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.NewJob;
import io.opstate.operations.StoreObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What does not depend on a backend: the maintenance meter, the settings, failures. */
class OpStateMetricsTest {
    final MockClock ticker = new MockClock();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, ticker);

    @Test
    @DisplayName("maintenance tasks: one timer per task and outcome")
    void maintenanceTasks() {
        StoreObserver observer = OpStateMetrics.bindTo(registry).observer();
        observer.maintenanceTaskFinished("integrity-check", true, Duration.ofSeconds(2));
        observer.maintenanceTaskFinished("integrity-check", false, Duration.ofSeconds(3));
        observer.maintenanceTaskFinished("integrity-check", false, Duration.ofSeconds(1));

        Timer ok = registry.get(MeterNames.MAINTENANCE_TASKS).tags("task", "integrity-check", "outcome", "success").timer();
        Timer failed = registry.get(MeterNames.MAINTENANCE_TASKS).tags("task", "integrity-check", "outcome", "failure")
                .timer();
        assertThat(ok.count()).isEqualTo(1);
        assertThat(failed.count()).isEqualTo(2);
        assertThat(failed.totalTime(TimeUnit.SECONDS)).isEqualTo(4);
    }

    @Test
    @DisplayName("a store that cannot be read shows NaN, and its values again once it can")
    void unreadableStoreShowsNaN() {
        OpStateMetrics metrics = OpStateMetrics.builder(registry).refreshInterval(Duration.ZERO).build();
        Datastore inner = Persistence.open("memory:");
        Datastore store = metrics.bind(inner);
        store.jobs().create(NewJob.of("t"));
        assertThat(registry.get(MeterNames.JOBS).tag("status", "queued").gauge().value()).isEqualTo(1);

        inner.close();
        assertThat(registry.get(MeterNames.JOBS).tag("status", "queued").gauge().value()).isNaN();
        assertThat(registry.get(MeterNames.QUEUE_AGE).timeGauge().value()).isNaN();
        store.close();
    }

    @Test
    @DisplayName("the settings refuse bad values, naming them")
    void settingsAreChecked() {
        assertThatThrownBy(() -> OpStateMetrics.builder(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registry");
        OpStateMetrics.Builder builder = OpStateMetrics.builder(registry);
        assertThatThrownBy(() -> builder.refreshInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("refreshInterval");
        assertThatThrownBy(() -> builder.refreshInterval(Duration.ofDays(2)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("refreshInterval");
        assertThatThrownBy(() -> builder.tags("store")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tags");
        assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("clock");
        assertThatThrownBy(() -> OpStateMetrics.bindTo(registry).bind(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("store");
    }

    @Test
    @DisplayName("an observer that throws fails nothing: the store opens, writes and commits; the host's runs beside ours")
    void throwingObserverFailsNothing(@TempDir Path directory) {
        AtomicInteger told = new AtomicInteger();
        StoreObserver broken = new StoreObserver() {
            @Override
            public void migrated(int fromVersion, int toVersion, Duration took) {
                told.incrementAndGet();
                throw new IllegalStateException("broken observer");
            }

            @Override
            public void batchCommitted(int writes, long nanos) {
                told.incrementAndGet();
                throw new IllegalStateException("broken observer");
            }
        };
        OpStateMetrics metrics = OpStateMetrics.bindTo(registry);
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + directory.resolve("broken.db"))
                .observer(broken).build();
        try (Datastore store = metrics.open(config)) {
            store.jobs().create(NewJob.of("t"));
            assertThat(store.jobs().countByStatus(io.opstate.jobs.JobQuery.all()).values().stream()
                    .mapToLong(Long::longValue).sum()).isEqualTo(1);
        }
        assertThat(told.get()).as("the host's observer was told of the migration and the write").isEqualTo(2);
        assertThat(registry.get(MeterNames.MIGRATION_DURATION).timer().count()).as("ours too").isEqualTo(1);
        assertThat(registry.get(MeterNames.COMMIT_BATCH_SIZE).summary().totalAmount()).isEqualTo(1);
    }
}
