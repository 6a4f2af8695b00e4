package io.opstate.micrometer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opstate.operations.StoreObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Records what a store reports ({@link StoreObserver}) as meters: migrations, combined commits,
 * maintenance tasks, and the store's HikariCP pools through HikariCP's own Micrometer tracker.
 * The meters of the write path exist from the start, so recording allocates nothing.
 * Thread-safe.
 */
final class MetricsObserver implements StoreObserver {
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64};
    /** Fixed buckets, so that every registry keeps a histogram, and a few the operator reads at a glance. */
    private static final Duration[] MIGRATION_BUCKETS = {Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final Tags tags;
    private final Timer migrations;
    private final DistributionSummary batchSizes;
    private final Timer batchDurations;

    MetricsObserver(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        this.migrations = Timer.builder(MeterNames.MIGRATION_DURATION)
                .description("How long applying schema migrations took, snapshot included")
                .tags(tags)
                .publishPercentileHistogram()
                .serviceLevelObjectives(MIGRATION_BUCKETS)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.batchSizes = DistributionSummary.builder(MeterNames.COMMIT_BATCH_SIZE)
                .description("Writes per committed transaction of combined single writes (group commit)")
                .baseUnit("writes")
                .tags(tags)
                .serviceLevelObjectives(BATCH_BUCKETS)
                .register(registry);
        this.batchDurations = Timer.builder(MeterNames.COMMIT_BATCH_DURATION)
                .description("How long a transaction of combined single writes took, from its start to its commit")
                .tags(tags)
                .register(registry);
    }

    @Override
    public void migrated(int fromVersion, int toVersion, Duration took) {
        migrations.record(took);
    }

    @Override
    public void batchCommitted(int writes, long nanos) {
        batchSizes.record(writes);
        batchDurations.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void poolOpened(String name, DataSource pool) {
        HikariPools.track(pool, registry);
    }

    @Override
    public void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
        Timer.builder(MeterNames.MAINTENANCE_TASKS)
                .description("Maintenance tasks run, by task and outcome")
                .tags(tags)
                .tag("task", task)
                .tag("outcome", succeeded ? "success" : "failure")
                .register(registry)
                .record(took);
    }

    @Override
    public String toString() {
        return "OpStateMetrics.observer" + tags;
    }
}
