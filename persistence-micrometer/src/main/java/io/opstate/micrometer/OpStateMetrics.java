package io.opstate.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.JobStatus;
import io.opstate.operations.StoreObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of one store: every meter of {@link MeterNames}, and HikariCP's own pool
 * metrics. Two steps, because some of what is measured happens while the store opens:
 *
 * <pre>{@code
 * OpStateMetrics metrics = OpStateMetrics.builder(registry).tags("store", "main").build();
 * Datastore store = metrics.bind(Persistence.open(PersistenceConfig.builder(url)
 *         .observer(metrics.observer())      // migration at open, group commits, pools, maintenance
 *         .build()));                        // bind: repository call timers and the gauges
 * }</pre>
 *
 * or {@link #open(PersistenceConfig)}, which does both. Use the store {@link #bind} returns: its
 * calls are the ones timed, and closing it removes the gauges from the registry. One instance per
 * store, bound once: meters are identified by name and tags, so two stores measured with the
 * same tags would share the timers and the first store's gauges. Several stores in one registry
 * need tags that tell them apart ({@link Builder#tags}).
 *
 * <p>The gauges read the store only when scraped, and at most once per
 * {@linkplain Builder#refreshInterval(Duration) refresh interval} (four queries: jobs per status,
 * the oldest claimable job, health, artifact totals). Thread-safe.
 */
public final class OpStateMetrics {
    /** How long gauge values are kept before the store is read again, by default. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(15);

    private final MeterRegistry registry;
    private final Tags tags;
    private final Duration refreshInterval;
    private final Clock clock;
    private final MetricsObserver observer;

    private OpStateMetrics(Builder builder) {
        this.registry = builder.registry;
        this.tags = builder.tags;
        this.refreshInterval = builder.refreshInterval;
        this.clock = builder.clock;
        this.observer = new MetricsObserver(registry, tags);
    }

    /**
     * A builder registering in {@code registry}.
     *
     * @throws InvalidInputException naming {@code registry} when it is null
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(required("registry", registry));
    }

    /** Meters in {@code registry}, with no tags and the default refresh interval. */
    public static OpStateMetrics bindTo(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * The observer to set on the store's configuration before it opens
     * ({@link PersistenceConfig.Builder#observer}): it records migrations, combined commits and
     * maintenance tasks, and starts the pools' own metrics.
     */
    public StoreObserver observer() {
        return observer;
    }

    /**
     * Registers the gauges of {@code store} and returns it timed: every repository call made
     * through the result is recorded in {@link MeterNames#REPOSITORY_CALLS}. Closing the result
     * closes {@code store} and removes the gauges (the timers stay, with what they counted).
     *
     * @throws InvalidInputException naming {@code store} when it is null
     */
    public Datastore bind(Datastore store) {
        required("store", store);
        StoreReadings readings = new StoreReadings(store, refreshInterval, registry.config().clock(), clock);
        List<Meter> gauges = registerGauges(readings);
        return TimedDatastore.wrap(store, registry, tags, () -> gauges.forEach(registry::remove));
    }

    /**
     * Opens the store of {@code config} with {@link #observer()} set (alongside an observer the
     * configuration already has) and {@linkplain #bind binds} it. The caller closes the result.
     *
     * @throws InvalidInputException naming {@code config} when it is null
     */
    public Datastore open(PersistenceConfig config) {
        required("config", config);
        StoreObserver both = config.observer() == StoreObserver.NONE ? observer
                : new BothObservers(config.observer(), observer);
        return bind(Persistence.open(config.toBuilder().observer(both).build()));
    }

    private List<Meter> registerGauges(StoreReadings readings) {
        List<Meter> gauges = new ArrayList<>();
        for (JobStatus status : JobStatus.values()) {
            gauges.add(Gauge.builder(MeterNames.JOBS, readings, r -> r.jobs(status))
                    .description("Jobs in each status")
                    .tags(tags).tag("status", status.label())
                    .strongReference(true)
                    .register(registry));
        }
        gauges.add(TimeGauge.builder(MeterNames.QUEUE_AGE, readings, TimeUnit.SECONDS, StoreReadings::queueAgeSeconds)
                .description("How long the job that has waited longest among the claimable ones has waited; 0 when none")
                .tags(tags)
                .strongReference(true)
                .register(registry));
        gauges.add(Gauge.builder(MeterNames.STORAGE_SIZE, readings, StoreReadings::storageBytes)
                .description("Bytes the database takes (SQLite: file plus write-ahead log; PostgreSQL: the store's tables)")
                .baseUnit("bytes").tags(tags)
                .strongReference(true)
                .register(registry));
        gauges.add(Gauge.builder(MeterNames.ARTIFACTS, readings, StoreReadings::artifacts)
                .description("Artifacts the store holds")
                .tags(tags)
                .strongReference(true)
                .register(registry));
        gauges.add(Gauge.builder(MeterNames.ARTIFACTS_SIZE, readings, StoreReadings::artifactLogicalBytes)
                .description("Bytes of the artifacts, as put (logical) or as stored after compression")
                .baseUnit("bytes").tags(tags).tag("form", "logical")
                .strongReference(true)
                .register(registry));
        gauges.add(Gauge.builder(MeterNames.ARTIFACTS_SIZE, readings, StoreReadings::artifactStoredBytes)
                .description("Bytes of the artifacts, as put (logical) or as stored after compression")
                .baseUnit("bytes").tags(tags).tag("form", "stored")
                .strongReference(true)
                .register(registry));
        return gauges;
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new InvalidInputException(name, "is required");
        }
        return value;
    }

    /**
     * Builds an {@link OpStateMetrics}; every setting has a default. Mutable, single-threaded;
     * each setter checks its value.
     */
    public static final class Builder {
        private final MeterRegistry registry;
        private Tags tags = Tags.empty();
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Clock clock = Clock.systemUTC();

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * Tags every meter carries (HikariCP's excepted, which carry the pool's name), e.g.
         * {@code "store", "main"}: what tells two stores apart in one registry.
         *
         * @throws InvalidInputException naming {@code tags} when it is null, odd in length or holds a null
         */
        public Builder tags(String... keysAndValues) {
            if (keysAndValues == null || keysAndValues.length % 2 != 0
                    || Arrays.asList(keysAndValues).contains(null)) {
                throw new InvalidInputException("tags", "must be keys and values in pairs, none null");
            }
            this.tags = this.tags.and(keysAndValues);
            return this;
        }

        /**
         * Tags every meter carries, like {@link #tags(String...)}.
         *
         * @throws InvalidInputException naming {@code tags} when it is null
         */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = this.tags.and(required("tags", tags));
            return this;
        }

        /**
         * How long gauge values are kept before the store is read again: the longest a gauge
         * lags behind the store, and what bounds the gauges' queries however often the registry
         * is scraped. 0 reads the store at every scrape. Default {@link #DEFAULT_REFRESH_INTERVAL}.
         *
         * @throws InvalidInputException naming {@code refreshInterval} when it is null, negative or over a day
         */
        public Builder refreshInterval(Duration refreshInterval) {
            required("refreshInterval", refreshInterval);
            if (refreshInterval.isNegative() || refreshInterval.compareTo(Duration.ofDays(1)) > 0) {
                throw new InvalidInputException("refreshInterval", "must be 0 to 1 day, was " + refreshInterval);
            }
            this.refreshInterval = refreshInterval;
            return this;
        }

        /**
         * The wall clock queue ages are counted to; the store's own clock in tests. Default
         * system UTC.
         *
         * @throws InvalidInputException naming {@code clock} when it is null
         */
        public Builder clock(Clock clock) {
            this.clock = required("clock", clock);
            return this;
        }

        public OpStateMetrics build() {
            return new OpStateMetrics(this);
        }
    }

    /** Tells two observers, the host's first. */
    private record BothObservers(StoreObserver first, StoreObserver second) implements StoreObserver {
        @Override
        public void migrated(int fromVersion, int toVersion, Duration took) {
            first.migrated(fromVersion, toVersion, took);
            second.migrated(fromVersion, toVersion, took);
        }

        @Override
        public void batchCommitted(int writes, long nanos) {
            first.batchCommitted(writes, nanos);
            second.batchCommitted(writes, nanos);
        }

        @Override
        public void poolOpened(String name, javax.sql.DataSource pool) {
            first.poolOpened(name, pool);
            second.poolOpened(name, pool);
        }

        @Override
        public void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
            first.maintenanceTaskFinished(task, succeeded, took);
            second.maintenanceTaskFinished(task, succeeded, took);
        }
    }
}
