package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.StaleVersionException;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceChange;
import io.opstate.resources.ResourceChange.Type;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The resource change feed: every committed write once, in commit order, and followers that wait. */
public abstract class ResourceFeedContract extends TckSupport {
    protected ResourceRepository resources() {
        return store.resources();
    }

    @BeforeEach
    void declareKind() {
        resources().declareKind(ResourceKind.of("instance", "stopped", "running"));
    }

    @Test
    @DisplayName("changesSince: each create, save, update, transition and delete once, in order; failed writes add nothing")
    void everyWriteOnce() {
        Resource a = resources().create(NewResource.of("instance", "a").withOwner("team"));
        resources().save(NewResource.of("instance", "a").withOwner("team").withSpec("{\"v\": 1}"));
        resources().update(a.id(), 2, "{\"v\": 2}", null);
        resources().transition(a.id(), 3, "running", null);
        Resource b = resources().save(NewResource.of("instance", "b"));
        assertThatThrownBy(() -> resources().update(a.id(), 1, "{}", null)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.resources().create(NewResource.of("instance", "rolled-back"));
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);
        resources().delete(a.id());
        resources().delete(a.id());

        List<ResourceChange> changes = resources().changesSince(0, 100);

        assertThat(changes).extracting(ResourceChange::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(changes).extracting(ResourceChange::type).containsExactly(Type.CREATED, Type.UPDATED, Type.UPDATED,
                Type.UPDATED, Type.CREATED, Type.DELETED);
        assertThat(changes).extracting(ResourceChange::version).containsExactly(1L, 2L, 3L, 4L, 1L, 4L);
        assertThat(changes.get(0)).isEqualTo(new ResourceChange(1, Type.CREATED, a.id(), "instance", "a", "team", 1, T0));
        assertThat(changes.get(4).resourceId()).isEqualTo(b.id());
        assertThat(changes.get(4).owner()).isNull();
        assertThat(resources().changesSince(2, 2)).extracting(ResourceChange::position).containsExactly(3L, 4L);
        assertThat(resources().changesSince(6, 100)).isEmpty();
    }

    @Test
    @DisplayName("awaitChanges: answers at once when there are changes, empty after its timeout when there are none")
    void awaitWithoutWaiting() {
        assertThat(resources().awaitChanges(0, 10, Duration.ZERO)).isEmpty();
        resources().create(NewResource.of("instance", "a"));
        assertThat(resources().awaitChanges(0, 10, Duration.ofMinutes(1))).hasSize(1);
        assertThat(resources().awaitChanges(1, 10, Duration.ofMillis(1))).isEmpty();
    }

    @Test
    @DisplayName("awaitChanges: a waiting follower is woken by a write, long before its deadline")
    void followerWokenByWrite() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<ResourceChange>> follower = pool.submit(() -> resources().awaitChanges(0, 10, Duration.ofMinutes(5)));
            Resource created = resources().create(NewResource.of("instance", "a"));
            assertThat(follower.get(60, TimeUnit.SECONDS)).extracting(ResourceChange::resourceId)
                    .containsExactly(created.id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("awaitChanges: a follower waiting on another thread wakes promptly when a write commits")
    void followerWokenPromptly() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch waiting = new CountDownLatch(1);
            Future<Long> follower = pool.submit(() -> {
                waiting.countDown();
                List<ResourceChange> changes = resources().awaitChanges(0, 10, Duration.ofMinutes(5));
                assertThat(changes).hasSize(1);
                return System.nanoTime();
            });
            assertThat(waiting.await(60, TimeUnit.SECONDS)).isTrue();
            resources().create(NewResource.of("instance", "a"));
            long committed = System.nanoTime();
            long woke = follower.get(60, TimeUnit.SECONDS);
            // Prompt: within a few re-read intervals on a busy machine, nowhere near the 5 minutes.
            assertThat(Duration.ofNanos(woke - committed)).isLessThan(Duration.ofSeconds(3));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("awaitChanges: a write inside inTransaction wakes the follower once the transaction commits")
    void followerWokenByTransactionCommit() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<ResourceChange>> follower = pool.submit(() -> resources().awaitChanges(0, 10, Duration.ofMinutes(5)));
            Resource created = store.inTransaction(tx -> tx.resources().create(NewResource.of("instance", "a")));
            long committed = System.nanoTime();
            assertThat(follower.get(60, TimeUnit.SECONDS)).extracting(ResourceChange::resourceId)
                    .containsExactly(created.id());
            assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(Duration.ofSeconds(3));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("awaitChanges: with no change, returns empty at its deadline, not before and not much after")
    void followerReturnsAtDeadline() {
        resources().create(NewResource.of("instance", "a"));
        for (Duration timeout : List.of(Duration.ofMillis(30), Duration.ofMillis(250), Duration.ofMillis(1300))) {
            long start = System.nanoTime();
            assertThat(resources().awaitChanges(1, 10, timeout)).isEmpty();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusMillis(750));
        }
    }

    /**
     * Two writing transactions interleave: the first writes and stays open while the second
     * writes; a follower reads all along. Were positions drawn at insert (a sequence), the second
     * could commit position 2 while position 1 is still open, the follower would move past 2 and
     * never see 1. Positions in commit order mean the follower sees both, each once.
     */
    @Test
    @DisplayName("interleaved writers: a follower trusting 'everything after N' misses no change committed late")
    void interleavedWritersMissNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            Future<Resource> first = pool.submit(() -> store.inTransaction(tx -> {
                Resource a = tx.resources().create(NewResource.of("instance", "slow"));
                firstWrote.countDown();
                await(releaseFirst);
                return a;
            }));
            assertThat(firstWrote.await(60, TimeUnit.SECONDS)).isTrue();
            Future<Resource> second = pool.submit(() -> resources().create(NewResource.of("instance", "fast")));
            Future<List<ResourceChange>> follower = pool.submit(() -> {
                List<ResourceChange> seen = new ArrayList<>();
                long last = 0;
                while (!stop.get()) {
                    List<ResourceChange> changes = resources().changesSince(last, 100);
                    seen.addAll(changes);
                    last = changes.isEmpty() ? last : changes.get(changes.size() - 1).position();
                }
                seen.addAll(resources().changesSince(last, 100));
                return seen;
            });
            try {
                // Give the second writer every chance to commit ahead of the first.
                second.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillWaiting) {
                // It waits for the first: positions follow commit order by serialising the writers.
            }
            releaseFirst.countDown();
            Resource slow = first.get(60, TimeUnit.SECONDS);
            Resource fast = second.get(60, TimeUnit.SECONDS);
            stop.set(true);
            List<ResourceChange> seen = follower.get(60, TimeUnit.SECONDS);

            assertThat(seen).extracting(ResourceChange::resourceId).containsExactlyInAnyOrder(slow.id(), fast.id());
            assertThat(seen).extracting(ResourceChange::position).containsExactly(1L, 2L);
            assertThat(seen.get(0).resourceId()).isEqualTo(slow.id());
        } finally {
            releaseFirst.countDown();
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
