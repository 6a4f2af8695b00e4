package io.opstate.jdbc.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.opstate.constructs.Construct;
import io.opstate.jdbc.internal.CommitObserver;
import io.opstate.jdbc.internal.Database;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The store's cache of constructs ({@code find}, {@code get}) and of the newest entries of
 * sessions ({@code last}), bounded by an estimate of the bytes it holds.
 *
 * <p>Exact within the process: every write of this store that changes a cached answer names its
 * key here after its transaction has committed ({@link #constructChanged}, {@link #sessionsChanged};
 * inside a host's transaction, when that transaction ends: {@link #afterTransaction}, which empties
 * the whole cache after a transaction that wrote more than {@link #MAX_KEYS_PER_TRANSACTION} keys). A load and
 * an invalidation of one key are linearizable: a load runs inside Caffeine's per-key computation,
 * and an invalidation of that key waits for it, then removes what it loaded. So a reader that
 * loaded the old row just before a commit cannot leave it behind: the invalidation, which comes
 * after the commit, removes it; a load that starts after the invalidation reads the committed row.
 * Reads inside a host's transaction bypass the cache: they must see the transaction's own writes,
 * and must not cache what may be rolled back.
 *
 * <p>Writes of other processes are caught by {@link Freshness}: a value loaded in an epoch before
 * the current one is not served; a value older than {@link Freshness#maxAge()} has expired.
 * Thread-safe.
 */
public final class ReadCache implements AutoCloseable {
    private final Cache<CacheKey, Stamped> cache;
    private final Freshness freshness;
    private final int recentEntries;
    /** Whether the calling thread is inside a host's transaction. */
    private final BooleanSupplier inTransaction;
    /**
     * Keys a transaction of the host remembers at most. Past them (a bulk import writing many
     * constructs and sessions) it remembers only that it wrote much, and empties the whole cache
     * when it ends: memory stays bounded whatever the transaction writes.
     */
    static final int MAX_KEYS_PER_TRANSACTION = 10_000;
    /** Stands for more keys than {@link #MAX_KEYS_PER_TRANSACTION}: compared by identity. */
    private static final Set<CacheKey> EVERYTHING = Collections.unmodifiableSet(new HashSet<>());

    /** Keys written by the thread's transaction of the host, invalidated when it ends. */
    private final ThreadLocal<Set<CacheKey>> writtenInTransaction = new ThreadLocal<>();
    /**
     * How many times the whole cache was emptied: a value whose load began before the last time
     * is not served (emptying all does not wait for loads under way, as dropping one key does).
     */
    private final AtomicLong clears = new AtomicLong();

    private ReadCache(Cache<CacheKey, Stamped> cache, Freshness freshness, int recentEntries,
                      BooleanSupplier inTransaction) {
        this.cache = cache;
        this.freshness = freshness;
        this.recentEntries = recentEntries;
        this.inTransaction = inTransaction;
    }

    /**
     * A cache of at most {@code maxBytes} (estimated) keeping the newest {@code recentEntries}
     * entries of a session; with {@code maxBytes} 0, or no freshness, nothing is cached. A
     * freshness that is also a {@link CommitObserver} is told of the commits of {@code database}.
     */
    public static ReadCache create(long maxBytes, int recentEntries, Freshness freshness, Database database) {
        ReadCache created = create(maxBytes, recentEntries, freshness, database::inTransaction);
        if (created.enabled() && freshness instanceof CommitObserver observer) {
            database.observeCommits(created.whileHolding(observer));
        }
        return created;
    }

    /**
     * Tells {@code observer} of each commit while the cache holds something. While it holds
     * nothing, a commit is passed on as uncertain instead: the observer then moves the epoch
     * without asking the database anything, and there is nothing of the old epoch to lose. An
     * observer that keeps a baseline (the SQLite check asks two connections after every commit,
     * tens of microseconds) so costs nothing to a store that only writes. A load running at that
     * moment stamps its value with the epoch it began in, which is then behind: the value is
     * loaded again at its next read, as after any change made elsewhere.
     */
    CommitObserver whileHolding(CommitObserver observer) {
        return new CommitObserver() {
            @Override
            public void afterCommit(java.sql.Connection connection) {
                if (cache.estimatedSize() > 0) {
                    observer.afterCommit(connection);
                } else {
                    observer.commitUncertain();
                }
            }

            @Override
            public void commitUncertain() {
                observer.commitUncertain();
            }
        };
    }

    /** Like {@link #create(long, int, Freshness, Database)}, told by {@code inTransaction} where the thread is. */
    static ReadCache create(long maxBytes, int recentEntries, Freshness freshness, BooleanSupplier inTransaction) {
        if (maxBytes == 0 || freshness == null) {
            return new ReadCache(null, freshness, 0, inTransaction);
        }
        Caffeine<CacheKey, Stamped> builder = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, Stamped value) -> value.weight());
        Optional<Duration> maxAge = freshness.maxAge();
        if (maxAge.isPresent()) {
            long maxAgeNanos = maxAge.get().toNanos();
            // Counted from the start of the load: a write made elsewhere while it ran is missed at most that long.
            builder = builder.expireAfter(Expiry.creating((CacheKey key, Stamped value) ->
                    Duration.ofNanos(Math.max(0, maxAgeNanos - (System.nanoTime() - value.loadStartedNanos())))));
        }
        return new ReadCache(builder.build(), freshness, recentEntries, inTransaction);
    }

    /** Whether anything is cached at all. */
    public boolean enabled() {
        return cache != null;
    }

    /** The construct {@code id} as {@code load} reads it from the database, possibly cached. */
    public Optional<Construct> construct(String id, Supplier<Optional<Construct>> load) {
        if (!serving()) {
            return load.get();
        }
        Stamped found = cached(new CacheKey.Construct(id), () -> load.get()
                .map(construct -> new Loaded(construct, Weights.of(construct)))
                .orElse(null));
        return found == null ? Optional.empty() : Optional.of((Construct) found.value());
    }

    /**
     * The last {@code count} entries of session {@code sessionId}: from the cached newest entries
     * when {@code count} is within those kept, else straight from {@code load}, which reads the
     * last {@code n} entries from the database (and throws when there is no such session).
     */
    @SuppressWarnings("unchecked")
    public List<TranscriptEntry> last(String sessionId, int count, IntFunction<List<TranscriptEntry>> load) {
        if (count > recentEntries || !serving()) {
            return load.apply(count);
        }
        Stamped found = cached(new CacheKey.RecentEntries(sessionId), () -> {
            List<TranscriptEntry> recent = List.copyOf(load.apply(recentEntries));
            return new Loaded(recent, Weights.of(recent));
        });
        List<TranscriptEntry> recent = (List<TranscriptEntry>) found.value();
        return recent.size() <= count ? recent : recent.subList(recent.size() - count, recent.size());
    }

    /** After a write that changed construct {@code id} has committed, or is part of the thread's transaction. */
    public void constructChanged(String id) {
        changed(List.of(new CacheKey.Construct(id)));
    }

    /** After a write that changed the transcripts or the existence of {@code sessionIds}, like {@link #constructChanged}. */
    public void sessionsChanged(Collection<String> sessionIds) {
        changed(sessionIds.stream().<CacheKey>map(CacheKey.RecentEntries::new).toList());
    }

    /**
     * Called on the thread of a host's transaction once it has ended, committed or rolled back:
     * invalidates what it wrote. After a rollback that removes values still current; they load again.
     */
    public void afterTransaction() {
        Set<CacheKey> written = writtenInTransaction.get();
        if (written == EVERYTHING) {
            writtenInTransaction.remove();
            clears.incrementAndGet();
            cache.invalidateAll();
        } else if (written != null) {
            writtenInTransaction.remove();
            cache.invalidateAll(written);
        }
    }

    /** Drops everything and stops the freshness check. */
    @Override
    public void close() {
        if (cache != null) {
            cache.invalidateAll();
        }
        if (freshness != null) {
            freshness.close();
        }
    }

    private void changed(List<CacheKey> keys) {
        if (cache == null) {
            return;
        }
        if (inTransaction.getAsBoolean()) {
            Set<CacheKey> written = writtenInTransaction.get();
            if (written == EVERYTHING) {
                return;
            }
            if (written == null) {
                written = new HashSet<>();
                writtenInTransaction.set(written);
            }
            written.addAll(keys);
            if (written.size() > MAX_KEYS_PER_TRANSACTION) {
                writtenInTransaction.set(EVERYTHING);
            }
        } else {
            cache.invalidateAll(keys);
        }
    }

    private boolean serving() {
        return cache != null && !inTransaction.getAsBoolean();
    }

    /**
     * The value of {@code key} loaded in the current epoch, or loaded now; null when {@code load}
     * finds nothing (which is not cached). While the epoch is unknown, loads without caching.
     */
    private Stamped cached(CacheKey key, Supplier<Loaded> load) {
        long epoch = freshness.epoch();
        if (epoch == Freshness.UNKNOWN) {
            Loaded loaded = load.get();
            return loaded == null ? null : new Stamped(epoch, 0, System.nanoTime(), loaded.value(), 0);
        }
        while (true) {
            long cleared = clears.get();
            Stamped found = cache.get(key, ignored -> {
                // The epoch was taken before the load began: whatever committed elsewhere since has moved it.
                long started = System.nanoTime();
                Loaded loaded = load.get();
                return loaded == null ? null
                        : new Stamped(epoch, cleared, started, loaded.value(), Weights.capped(loaded.bytes()));
            });
            if (found == null || (found.epoch() >= epoch && found.clears() >= cleared)) {
                return found;
            }
            // Loaded before the database last changed elsewhere, or before the last emptying:
            // drop it, unless replaced meanwhile, and load again.
            cache.asMap().remove(key, found);
        }
    }

    /** What a load found, and its estimated size. */
    private record Loaded(Object value, long bytes) {
    }
}
