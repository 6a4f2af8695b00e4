package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PageRequest;
import io.opstate.history.AppendedEvents;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryPosition;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The append-only event log. Sequence numbers increase; gaps are allowed, so tests use the ids returned. */
public abstract class HistoryContract extends TckSupport {

    private List<Long> ids(HistoryQuery query) {
        return StoreSnapshot.readAll(page -> history().list(query, page)).stream().map(HistoryEvent::id).toList();
    }

    private long append(String event, String subjectId) {
        return history().append(NewHistoryEvent.of(event).withSubjectId(subjectId)).id();
    }

    @Test
    @DisplayName("append: increasing sequence numbers, stamped now, fields stored")
    void append() {
        HistoryEvent first = history().append(NewHistoryEvent.of("model.pulled").withSubjectId("llama")
                .withMetadata("{\"size\": 7, \"tag\": \"latest\"}"));
        Instant later = advance(Duration.ofSeconds(1));
        HistoryEvent second = history().append(NewHistoryEvent.of("model.deleted"));
        HistoryEvent third = history().append(
                NewHistoryEvent.of("model.pulled").withSubjectId("llama").withMetadata("[]"));

        assertThat(first.id()).isPositive();
        assertThat(List.of(first.id(), second.id(), third.id())).isSorted().doesNotHaveDuplicates();
        assertThat(first.event()).isEqualTo("model.pulled");
        assertThat(first.subjectId()).isEqualTo("llama");
        assertJsonEquals("{\"tag\":\"latest\",\"size\":7}", first.metadata());
        assertThat(first.occurredAt()).isEqualTo(T0);
        assertThat(second.occurredAt()).isEqualTo(later);
        assertThat(second.subjectId()).isNull();
        assertThat(second.metadata()).isNull();

        HistoryEvent read = history().find(first.id()).orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("metadata").isEqualTo(first);
        assertJsonEquals(first.metadata(), read.metadata());
        assertThat(history().find(second.id())).contains(second);
    }

    @Test
    @DisplayName("find: empty for a number never assigned")
    void findUnknown() {
        long only = append("e", null);
        assertThat(history().find(only + 1)).isEmpty();
        assertThat(history().find(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    @DisplayName("sequence numbers keep increasing after deletes")
    void sequenceNeverReused() {
        append("e", null);
        long last = append("e", null);
        advance(Duration.ofSeconds(1));
        assertThat(history().deleteBefore(now())).isEqualTo(2);
        assertThat(append("e", null)).isGreaterThan(last);
    }

    @Test
    @DisplayName("list: by occurredAt then id, newest first by default; filters by subject, event and window")
    void list() {
        long e1 = append("pulled", "a");
        long e2 = append("deleted", "b");
        advance(Duration.ofSeconds(1));
        long e3 = append("pulled", "b");
        advance(Duration.ofSeconds(1));
        long e4 = append("pulled", "a");

        assertThat(history().list(HistoryQuery.all(), PageRequest.first()).items()).extracting(HistoryEvent::id)
                .containsExactly(e4, e3, e2, e1);
        assertThat(ids(HistoryQuery.all())).containsExactly(e1, e2, e3, e4);
        assertThat(ids(HistoryQuery.bySubject("a"))).containsExactly(e1, e4);
        assertThat(ids(HistoryQuery.all().withEvent("pulled"))).containsExactly(e1, e3, e4);
        assertThat(ids(HistoryQuery.bySubject("b").withEvent("pulled"))).containsExactly(e3);
        assertThat(ids(HistoryQuery.all().between(T0.plusSeconds(1), T0.plusSeconds(2))))
                .as("from inclusive, before exclusive").containsExactly(e3);
        assertThat(ids(HistoryQuery.all().between(null, T0.plusSeconds(1)))).containsExactly(e1, e2);
        assertThat(ids(HistoryQuery.all().between(T0.plusSeconds(1), null))).containsExactly(e3, e4);
        assertThat(ids(HistoryQuery.bySubject("nobody"))).isEmpty();
    }

    @Test
    @DisplayName("deleteBefore: removes events strictly before the cutoff and returns how many")
    void deleteBefore() {
        long e1 = append("e", null);
        append("e", null);
        Instant t1 = advance(Duration.ofSeconds(10));
        long e3 = append("e", null);

        assertThat(history().deleteBefore(T0)).isZero();
        assertThat(history().deleteBefore(t1)).isEqualTo(2);
        assertThat(ids(HistoryQuery.all())).containsExactly(e3);
        assertThat(history().find(e1)).isEmpty();
        assertThat(history().deleteBefore(t1)).isZero();
    }

    @Test
    @DisplayName("appendedAfter: every event once, in id order within one writer, the position carried forward")
    void appendedAfterFollowsTheLog() {
        assertThat(history().appendedAfter(HistoryPosition.START, 10).events()).isEmpty();
        assertThat(history().appendedAfter(HistoryPosition.START, 10).position()).isEqualTo(HistoryPosition.START);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(history().append(NewHistoryEvent.of("e" + i)).id());
        }

        AppendedEvents first = history().appendedAfter(HistoryPosition.START, 3);
        AppendedEvents rest = history().appendedAfter(first.position(), 10);
        AppendedEvents none = history().appendedAfter(rest.position(), 10);

        assertThat(first.events()).extracting(HistoryEvent::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(first.position().id()).isEqualTo(ids.get(2));
        assertThat(rest.events()).extracting(HistoryEvent::id).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(rest.events().get(1)).isEqualTo(history().find(ids.get(4)).orElseThrow());
        assertThat(none.events()).isEmpty();
        assertThat(none.position()).isEqualTo(rest.position());
        long later = history().append(NewHistoryEvent.of("later")).id();
        assertThat(history().appendedAfter(none.position(), 10).events()).extracting(HistoryEvent::id)
                .containsExactly(later);
    }

    @Test
    @DisplayName("appendedAfter: a follower reading while threads append sees every committed event exactly once")
    void appendedAfterMissesNothingUnderConcurrentAppends() throws Exception {
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        if (i % 5 == 0) {
                            // A transaction of the host, beside the group-committed single appends.
                            store.inTransaction(tx -> tx.history().append(
                                    NewHistoryEvent.of("slow").withSubjectId("t" + thread)));
                        } else {
                            history().append(NewHistoryEvent.of("fast").withSubjectId("t" + thread));
                        }
                    }
                }));
            }
            List<Long> seen = new ArrayList<>();
            HistoryPosition position = HistoryPosition.START;
            boolean writing = true;
            while (writing) {
                writing = writers.stream().anyMatch(writer -> !writer.isDone());
                AppendedEvents read = history().appendedAfter(position, 50);
                read.events().forEach(event -> seen.add(event.id()));
                position = read.position();
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            // Settled once every older transaction (on PostgreSQL: of the whole server) has ended.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < THREADS * perThread && System.nanoTime() < until) {
                AppendedEvents read = history().appendedAfter(position, 1000);
                read.events().forEach(event -> seen.add(event.id()));
                position = read.position();
            }

            assertThat(seen).doesNotHaveDuplicates().hasSize(THREADS * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
