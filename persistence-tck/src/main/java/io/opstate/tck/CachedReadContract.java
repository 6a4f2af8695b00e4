package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.NotFoundException;
import io.opstate.PersistenceConfig;
import io.opstate.SequenceConflictException;
import io.opstate.Settings;
import io.opstate.StaleVersionException;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reads that a backend may answer from a cache (a construct by id, the last entries of a
 * transcript) see every write of the store at once: the next read after a write returns shows it,
 * inside and after transactions, after rollbacks, deletes and appends of every kind, and under
 * concurrent writers. The store is configured with its cache on (where a backend has one, with
 * only {@value #RECENT} entries kept per session, so both cached and uncached {@code last} counts
 * are covered) and a staleness bound far longer than the test: a cache that kept a stale value
 * fails these tests.
 */
public abstract class CachedReadContract extends TckSupport {
    /** The newest entries per session a cache keeps in these tests. */
    static final int RECENT = 4;

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.set(Settings.CACHE_RECENT_ENTRIES, RECENT)
                .set(Settings.CACHE_MAX_STALENESS, Duration.ofHours(1));
    }

    @BeforeEach
    void constructAndSessions() {
        store.constructs().create(NewConstruct.of("feature", "active").withId("c1").withMetadata("{\"n\": 0}"));
        store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        store.sessions().create(NewSession.of("c1", "running").withId("s2"));
    }

    private static NewTranscriptEntry said(String content) {
        return NewTranscriptEntry.of("user", content);
    }

    private static List<String> contents(List<TranscriptEntry> entries) {
        return entries.stream().map(TranscriptEntry::content).toList();
    }

    private Construct renamed(String title) {
        Construct current = store.constructs().get("c1");
        return store.constructs().update("c1", current.version(), ConstructChanges.none().withTitle(title));
    }

    @Test
    @DisplayName("construct: a read after an update returns the update, through get and find, every time")
    void readAfterUpdate() {
        assertThat(store.constructs().get("c1").version()).isEqualTo(1);
        assertThat(store.constructs().find("c1").orElseThrow().title()).isNull();
        for (int i = 1; i <= 3; i++) {
            Construct updated = renamed("title " + i);
            assertThat(store.constructs().get("c1")).isEqualTo(updated);
            assertThat(store.constructs().find("c1")).contains(updated);
            assertThat(store.constructs().get("c1").version()).isEqualTo(1 + i);
        }
        Construct statusOnly = store.constructs().update("c1", 4,
                ConstructChanges.none().withStatus("done").withMetadata("{\"n\": 1}").withoutTitle());
        assertThat(store.constructs().get("c1")).isEqualTo(statusOnly);
        assertThat(store.constructs().get("c1").title()).isNull();
    }

    @Test
    @DisplayName("construct: a failed update (stale version) leaves the read as it was")
    void failedUpdate() {
        Construct before = store.constructs().get("c1");
        assertThatThrownBy(() -> store.constructs().update("c1", 7, ConstructChanges.none().withTitle("x")))
                .isInstanceOf(StaleVersionException.class);
        assertThat(store.constructs().get("c1")).isEqualTo(before);
    }

    @Test
    @DisplayName("construct: deleted, it is gone at once; created again under its id, the new one is read")
    void deleteAndRecreate() {
        store.constructs().get("c1");
        assertThat(store.transcripts().last("s1", 1)).isEmpty();
        assertThat(store.constructs().delete("c1")).isTrue();
        assertThat(store.constructs().find("c1")).isEmpty();
        assertThatThrownBy(() -> store.constructs().get("c1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.transcripts().last("s1", 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.transcripts().last("s1", RECENT + 1)).isInstanceOf(NotFoundException.class);

        Construct again = store.constructs().create(NewConstruct.of("bug", "open").withId("c1"));
        assertThat(store.constructs().get("c1")).isEqualTo(again);
        assertThat(store.constructs().get("c1").type()).isEqualTo("bug");
    }

    @Test
    @DisplayName("construct: never read before, created, it is read at once; a missing one is not remembered as missing")
    void createdAfterMiss() {
        assertThat(store.constructs().find("c9")).isEmpty();
        Construct created = store.constructs().create(NewConstruct.of("feature", "active").withId("c9"));
        assertThat(store.constructs().find("c9")).contains(created);
    }

    @Test
    @DisplayName("transaction: the work reads its own update; after commit every read returns it")
    void updateInCommittedTransaction() {
        Construct before = store.constructs().get("c1");
        Construct inside = store.inTransaction(tx -> {
            Construct updated = tx.constructs().update("c1", before.version(), ConstructChanges.none().withTitle("new"));
            assertThat(tx.constructs().get("c1")).isEqualTo(updated);
            return updated;
        });
        assertThat(store.constructs().get("c1")).isEqualTo(inside);
    }

    @Test
    @DisplayName("transaction: a read by another thread while the update is uncommitted does not outlive the commit")
    void readDuringTransaction() throws Exception {
        Construct before = store.constructs().get("c1");
        CompletableFuture<Construct> during = store.inTransaction(tx -> {
            tx.constructs().update("c1", before.version(), ConstructChanges.none().withTitle("new"));
            CompletableFuture<Construct> read = CompletableFuture.supplyAsync(() -> store.constructs().get("c1"));
            try {
                // A backend whose transactions block readers answers after the commit; others answer now.
                assertThat(read.get(500, TimeUnit.MILLISECONDS)).isEqualTo(before);
            } catch (TimeoutException blocked) {
                // Answered after the commit: checked below.
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return read;
        });
        assertThat(during.get(1, TimeUnit.MINUTES).version()).isIn(before.version(), before.version() + 1);
        assertThat(store.constructs().get("c1").title()).isEqualTo("new");
        assertThat(store.constructs().get("c1").version()).isEqualTo(before.version() + 1);
    }

    @Test
    @DisplayName("transaction: after a rollback every read returns what was committed before")
    void updateInRolledBackTransaction() {
        Construct before = store.constructs().get("c1");
        List<TranscriptEntry> entriesBefore = store.transcripts().last("s1", RECENT);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.constructs().update("c1", before.version(), ConstructChanges.none().withTitle("new"));
            tx.transcripts().append("s1", said("rolled back"));
            assertThat(tx.constructs().get("c1").title()).isEqualTo("new");
            assertThat(contents(tx.transcripts().last("s1", 1))).containsExactly("rolled back");
            throw new IllegalStateException("undo");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.constructs().get("c1")).isEqualTo(before);
        assertThat(store.transcripts().last("s1", RECENT)).isEqualTo(entriesBefore);
        assertThat(store.transcripts().count("s1")).isZero();
    }

    @Test
    @DisplayName("transaction: a delete committed in a transaction removes the construct and its sessions' transcripts")
    void deleteInTransaction() {
        store.transcripts().append("s1", said("hello"));
        assertThat(contents(store.transcripts().last("s1", 1))).containsExactly("hello");
        store.constructs().get("c1");
        store.inTransaction(tx -> tx.constructs().delete("c1"));
        assertThat(store.constructs().find("c1")).isEmpty();
        assertThatThrownBy(() -> store.transcripts().last("s1", 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("transcript: each of the four appends is in the next last(), within and beyond the entries kept")
    void everyAppendIsRead() {
        assertThat(store.transcripts().last("s1", RECENT)).isEmpty();
        store.transcripts().append("s1", said("one"));
        assertThat(contents(store.transcripts().last("s1", RECENT))).containsExactly("one");
        store.transcripts().append("s1", 2, said("two"));
        assertThat(contents(store.transcripts().last("s1", 2))).containsExactly("one", "two");
        store.transcripts().appendAll("s1", List.of(said("three"), said("four")));
        assertThat(contents(store.transcripts().last("s1", 1))).containsExactly("four");
        store.transcripts().appendAll("s1", 5, List.of(said("five"), said("six")));
        assertThat(contents(store.transcripts().last("s1", RECENT)))
                .containsExactly("three", "four", "five", "six");
        assertThat(contents(store.transcripts().last("s1", RECENT + 2)))
                .containsExactly("one", "two", "three", "four", "five", "six");
        assertThat(contents(store.transcripts().last("s1", 3))).containsExactly("four", "five", "six");
        assertThat(store.transcripts().last("s2", 1)).isEmpty();
    }

    @Test
    @DisplayName("transcript: appends committed in a transaction are read after it; a refused append changes nothing")
    void appendsInTransactionAndRefused() {
        store.transcripts().append("s1", said("one"));
        assertThat(contents(store.transcripts().last("s1", 2))).containsExactly("one");
        store.inTransaction(tx -> {
            tx.transcripts().append("s1", said("two"));
            return tx.transcripts().appendAll("s2", List.of(said("other")));
        });
        assertThat(contents(store.transcripts().last("s1", 2))).containsExactly("one", "two");
        assertThat(contents(store.transcripts().last("s2", 2))).containsExactly("other");
        assertThatThrownBy(() -> store.transcripts().append("s1", 1, said("late")))
                .isInstanceOf(SequenceConflictException.class);
        assertThat(contents(store.transcripts().last("s1", 2))).containsExactly("one", "two");
    }

    @Test
    @DisplayName("concurrent: after an append returns, last(1) on that thread is at or past it; after an update, get is too")
    void readYourWritesUnderConcurrency() throws Exception {
        AtomicInteger names = new AtomicInteger();
        onAllThreads(() -> {
            for (int i = 0; i < 20; i++) {
                long appended = store.transcripts().append("s1", said("t" + names.incrementAndGet())).sequence();
                assertThat(store.transcripts().last("s1", 1).get(0).sequence()).isGreaterThanOrEqualTo(appended);
                Construct mine = updateWithRetry("t" + i);
                assertThat(store.constructs().get("c1").version()).isGreaterThanOrEqualTo(mine.version());
            }
            return null;
        });
        long count = store.transcripts().count("s1");
        assertThat(count).isEqualTo(THREADS * 20L);
        assertThat(store.transcripts().last("s1", RECENT)).extracting(TranscriptEntry::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, RECENT)
                        .mapToObj(i -> count - RECENT + i).toList());
        assertThat(store.constructs().get("c1").version()).isEqualTo(1 + THREADS * 20L);
    }

    /** Updates c1, reading it again after each conflict; a read that stayed stale would conflict every time. */
    private Construct updateWithRetry(String title) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Construct current = store.constructs().get("c1");
            try {
                return store.constructs().update("c1", current.version(), ConstructChanges.none().withTitle(title));
            } catch (StaleVersionException raced) {
                // Another thread updated it between the read and the update: read again.
            }
        }
        throw new AssertionError("10,000 updates of c1 in a row met a stale version");
    }
}
