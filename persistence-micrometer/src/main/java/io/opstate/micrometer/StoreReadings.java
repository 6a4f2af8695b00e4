package io.opstate.micrometer;

import io.micrometer.core.instrument.Clock;
import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.InvalidInputException;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the gauges show, read from the store at most once per interval however often they are
 * scraped: the first gauge read after the interval reads everything again (four queries), the
 * others get the values of that reading. A value that cannot be read (the store is closed or
 * unreachable, the backend does not know it) is NaN until a later reading succeeds; the first
 * failure after a good reading is logged at warning level. Thread-safe.
 */
final class StoreReadings {
    private static final System.Logger LOG = System.getLogger(StoreReadings.class.getName());

    private final Datastore store;
    private final long intervalNanos;
    private final Clock ticker;
    private final java.time.Clock clock;
    private boolean read;
    private long readAt;
    private boolean failing;
    private final Map<JobStatus, Double> jobs = new EnumMap<>(JobStatus.class);
    private double queueAgeSeconds = Double.NaN;
    private double storageBytes = Double.NaN;
    private double artifacts = Double.NaN;
    private double artifactLogicalBytes = Double.NaN;
    private double artifactStoredBytes = Double.NaN;

    /**
     * @param ticker the registry's clock, whose monotonic time decides when a reading is stale
     * @param clock the wall clock that queue ages are counted to
     */
    StoreReadings(Datastore store, Duration interval, Clock ticker, java.time.Clock clock) {
        this.store = store;
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
        this.clock = clock;
    }

    synchronized double jobs(JobStatus status) {
        refreshIfStale();
        return jobs.getOrDefault(status, Double.NaN);
    }

    synchronized double queueAgeSeconds() {
        refreshIfStale();
        return queueAgeSeconds;
    }

    synchronized double storageBytes() {
        refreshIfStale();
        return storageBytes;
    }

    synchronized double artifacts() {
        refreshIfStale();
        return artifacts;
    }

    synchronized double artifactLogicalBytes() {
        refreshIfStale();
        return artifactLogicalBytes;
    }

    synchronized double artifactStoredBytes() {
        refreshIfStale();
        return artifactStoredBytes;
    }

    private void refreshIfStale() {
        long now = ticker.monotonicTime();
        if (read && now - readAt < intervalNanos) {
            return;
        }
        read = true;
        readAt = now;
        RuntimeException failure = null;
        try {
            Map<JobStatus, Long> counts = store.jobs().countByStatus(JobQuery.all());
            counts.forEach((status, count) -> jobs.put(status, count.doubleValue()));
        } catch (RuntimeException e) {
            jobs.clear();
            failure = e;
        }
        try {
            queueAgeSeconds = queueAge(store.jobs().oldestClaimableSince());
        } catch (RuntimeException e) {
            queueAgeSeconds = Double.NaN;
            failure = e;
        }
        try {
            Health health = store.maintenance().health();
            storageBytes = health.storageBytes() == null ? Double.NaN : health.storageBytes();
        } catch (RuntimeException e) {
            storageBytes = Double.NaN;
            failure = e;
        }
        try {
            ArtifactUsage usage = store.artifacts().totals();
            artifacts = usage.artifacts();
            artifactLogicalBytes = usage.logicalBytes();
            artifactStoredBytes = usage.storedBytes();
        } catch (InvalidInputException notConfigured) {
            // a PostgreSQL store given no place for artifacts has none to measure
            artifacts = artifactLogicalBytes = artifactStoredBytes = Double.NaN;
        } catch (RuntimeException e) {
            artifacts = artifactLogicalBytes = artifactStoredBytes = Double.NaN;
            failure = e;
        }
        if (failure != null && !failing) {
            LOG.log(Level.WARNING, "cannot read the metrics of store " + store + "; they show NaN until they can",
                    failure);
        }
        failing = failure != null;
    }

    /** Seconds since {@code since}; 0 when nothing is claimable, nor when it became so a moment "later" by another clock. */
    private double queueAge(Optional<Instant> since) {
        if (since.isEmpty()) {
            return 0;
        }
        Duration waited = Duration.between(since.get(), clock.instant());
        return waited.isNegative() ? 0 : waited.getSeconds() + waited.getNano() / 1e9;
    }
}
