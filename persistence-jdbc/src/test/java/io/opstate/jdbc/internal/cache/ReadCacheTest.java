package io.opstate.jdbc.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.constructs.Construct;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The read cache on its own, with a fake database row, epoch and transaction flag. */
class ReadCacheTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final AtomicLong epoch = new AtomicLong(1);
    private final AtomicBoolean inTransaction = new AtomicBoolean();
    private final AtomicReference<Construct> row = new AtomicReference<>(construct(1));
    private final AtomicInteger loads = new AtomicInteger();
    private final ReadCache cache = ReadCache.create(1 << 20, 4, new Freshness() {
        @Override
        public long epoch() {
            return epoch.get();
        }

        @Override
        public Optional<Duration> maxAge() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }, inTransaction::get);

    private static Construct construct(long version) {
        return new Construct("c1", "feature", "active", "v" + version, null, T0, T0, version);
    }

    private Supplier<Optional<Construct>> fromRow() {
        return () -> {
            loads.incrementAndGet();
            return Optional.ofNullable(row.get());
        };
    }

    /** Records what a commit observer is told. */
    private static final class RecordingObserver implements io.opstate.jdbc.internal.CommitObserver {
        final List<String> told = new ArrayList<>();

        @Override
        public void afterCommit(java.sql.Connection connection) {
            told.add("committed");
        }

        @Override
        public void commitUncertain() {
            told.add("uncertain");
        }
    }

    @Test
    void commitsAreObservedOnlyWhileSomethingIsCached() {
        RecordingObserver observer = new RecordingObserver();
        io.opstate.jdbc.internal.CommitObserver passed = cache.whileHolding(observer);

        passed.afterCommit(null);
        assertThat(observer.told).as("nothing cached: no baseline to keep, the epoch just moves")
                .containsExactly("uncertain");

        cache.construct("c1", fromRow());
        passed.afterCommit(null);
        passed.commitUncertain();
        assertThat(observer.told).containsExactly("uncertain", "committed", "uncertain");

        cache.constructChanged("c1");
        passed.afterCommit(null);
        assertThat(observer.told).last().isEqualTo("uncertain");
    }

    @Test
    void servesFromTheCacheUntilToldOfAChange() {
        assertThat(cache.construct("c1", fromRow())).contains(construct(1));
        row.set(construct(2));
        assertThat(cache.construct("c1", fromRow())).as("not told yet: cached").contains(construct(1));
        cache.constructChanged("c1");
        assertThat(cache.construct("c1", fromRow())).contains(construct(2));
        assertThat(loads).hasValue(2);
    }

    @Test
    void aMissIsNotRemembered() {
        row.set(null);
        assertThat(cache.construct("c1", fromRow())).isEmpty();
        row.set(construct(1));
        assertThat(cache.construct("c1", fromRow())).contains(construct(1));
    }

    @Test
    void valuesLoadedInAnEarlierEpochAreLoadedAgain() {
        cache.construct("c1", fromRow());
        row.set(construct(2));
        epoch.incrementAndGet();
        assertThat(cache.construct("c1", fromRow())).contains(construct(2));
        assertThat(cache.construct("c1", fromRow())).contains(construct(2));
        assertThat(loads).hasValue(2);
    }

    @Test
    void anUnknownEpochServesNothingCached() {
        cache.construct("c1", fromRow());
        epoch.set(Freshness.UNKNOWN);
        row.set(construct(2));
        assertThat(cache.construct("c1", fromRow())).contains(construct(2));
        assertThat(cache.construct("c1", fromRow())).contains(construct(2));
        assertThat(loads).hasValue(3);
    }

    @Test
    void insideATransactionReadsBypassTheCacheAndChangesWaitForItsEnd() {
        cache.construct("c1", fromRow());
        inTransaction.set(true);
        row.set(construct(2));
        cache.constructChanged("c1");
        assertThat(cache.construct("c1", fromRow())).as("the transaction reads its own write").contains(construct(2));
        inTransaction.set(false);
        assertThat(cache.construct("c1", fromRow())).as("other threads: still the committed value")
                .contains(construct(1));
        cache.afterTransaction();
        assertThat(cache.construct("c1", fromRow())).contains(construct(2));
    }

    @Test
    void aTransactionWritingMoreKeysThanItRemembersEmptiesTheCacheWhenItEnds() {
        cache.construct("c1", fromRow());
        inTransaction.set(true);
        row.set(construct(2));
        for (int i = 0; i <= ReadCache.MAX_KEYS_PER_TRANSACTION; i++) {
            cache.sessionsChanged(java.util.List.of("s" + i));
        }
        inTransaction.set(false);
        assertThat(cache.construct("c1", fromRow())).as("not named, still cached").contains(construct(1));
        cache.afterTransaction();
        assertThat(cache.construct("c1", fromRow())).as("dropped with everything else").contains(construct(2));
        cache.afterTransaction();
        assertThat(loads).hasValue(2);
    }

    /**
     * The race the design rests on: a reader loads the old row, the writer commits and drops the
     * key while that load is still running; the drop waits for the load and removes its value.
     */
    @Test
    @Timeout(30)
    void aLoadOverlappingACommitAndItsInvalidationIsNotServedAfterIt() throws Exception {
        CountDownLatch readOld = new CountDownLatch(1);
        CountDownLatch finishLoad = new CountDownLatch(1);
        CompletableFuture<Optional<Construct>> reader = CompletableFuture.supplyAsync(() -> cache.construct("c1", () -> {
            Construct old = row.get();
            readOld.countDown();
            await(finishLoad);
            return Optional.of(old);
        }));
        assertThat(readOld.await(10, TimeUnit.SECONDS)).isTrue();
        row.set(construct(2));
        Thread writer = new Thread(() -> cache.constructChanged("c1"));
        writer.start();
        // The invalidation waits for the load in progress (its thread blocks or parks on the key).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.getState() == Thread.State.RUNNABLE && writer.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        finishLoad.countDown();
        writer.join(10_000);
        assertThat(reader.get(10, TimeUnit.SECONDS)).as("the read overlapping the write").contains(construct(1));
        assertThat(cache.construct("c1", fromRow())).as("the read after the write returned").contains(construct(2));
    }

    @Test
    void lastUpToTheKeptEntriesComesFromOneLoadAndMoreGoesToTheDatabase() {
        List<Integer> asked = new ArrayList<>();
        List<TranscriptEntry> transcript = LongStream.rangeClosed(1, 10)
                .mapToObj(n -> new TranscriptEntry("s1", n, "user", "e" + n, null, T0)).toList();
        assertThat(cache.last("s1", 2, n -> tail(transcript, n, asked))).extracting(TranscriptEntry::sequence)
                .containsExactly(9L, 10L);
        assertThat(cache.last("s1", 4, n -> tail(transcript, n, asked))).extracting(TranscriptEntry::sequence)
                .containsExactly(7L, 8L, 9L, 10L);
        assertThat(cache.last("s1", 5, n -> tail(transcript, n, asked))).hasSize(5);
        assertThat(asked).containsExactly(4, 5);
        cache.sessionsChanged(List.of("s1"));
        cache.last("s1", 1, n -> tail(transcript, n, asked));
        assertThat(asked).containsExactly(4, 5, 4);
    }

    private static List<TranscriptEntry> tail(List<TranscriptEntry> transcript, int n, List<Integer> asked) {
        asked.add(n);
        return transcript.subList(Math.max(0, transcript.size() - n), transcript.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
