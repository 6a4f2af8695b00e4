package io.opstate.jdbc;

import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.jdbc.internal.cache.DataVersionWatch;
import io.opstate.jdbc.internal.cache.Freshness;
import io.opstate.jdbc.internal.cache.MaxStaleness;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How a {@link JdbcDatastore} caches constructs and the recent entries of transcripts, and how it
 * learns of other processes' writes. Sizes come from {@link Settings#CACHE_MAX_MB} and
 * {@link Settings#CACHE_RECENT_ENTRIES}. Immutable; the check it carries is owned by the store
 * it is given to, which closes it.
 */
public final class ReadCaching {
    private static final long MEBIBYTE = 1024L * 1024L;
    private static final ReadCaching OFF = new ReadCaching(0, 0, null);

    private final long maxBytes;
    private final int recentEntries;
    private final Freshness freshness;

    private ReadCaching(long maxBytes, int recentEntries, Freshness freshness) {
        this.maxBytes = maxBytes;
        this.recentEntries = recentEntries;
        this.freshness = freshness;
    }

    /** No cache: every read goes to the database. */
    public static ReadCaching off() {
        return OFF;
    }

    /**
     * Exact across processes: before every cached answer, {@code versionQuery} runs on a
     * connection of {@code watcher} kept for it, and when its answer moved since the last check,
     * everything cached before is reloaded. For a database that answers such a query cheaply
     * (SQLite: {@code PRAGMA data_version}).
     *
     * @param watcher lends the one connection the checks use; it must see other connections' commits
     */
    public static ReadCaching checkedBy(PersistenceConfig config, DataSource watcher, String versionQuery,
                                        String storeName) {
        return sized(config, new DataVersionWatch(watcher, versionQuery, storeName));
    }

    /**
     * Off unless {@link Settings#CACHE_MAX_STALENESS} is set; then an answer is served for at most
     * that long after it was read, whatever other processes wrote meanwhile.
     */
    public static ReadCaching withMaxStaleness(PersistenceConfig config) {
        Optional<Duration> maxStaleness = config.get(Settings.CACHE_MAX_STALENESS);
        return maxStaleness.isEmpty() ? OFF : sized(config, new MaxStaleness(maxStaleness.get()));
    }

    private static ReadCaching sized(PersistenceConfig config, Freshness freshness) {
        long maxBytes = config.get(Settings.CACHE_MAX_MB).orElseThrow() * MEBIBYTE;
        if (maxBytes == 0) {
            freshness.close();
            return OFF;
        }
        return new ReadCaching(maxBytes, config.get(Settings.CACHE_RECENT_ENTRIES).orElseThrow(), freshness);
    }

    /** Estimated bytes the cache may hold; 0: no cache. */
    long maxBytes() {
        return maxBytes;
    }

    /** Newest entries kept per session. */
    int recentEntries() {
        return recentEntries;
    }

    /** How other processes' writes are caught; null: no cache. */
    Freshness freshness() {
        return freshness;
    }
}
