package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineEvent;
import io.opstate.constructs.TimelineKind;
import io.opstate.constructs.TimelineQuery;
import io.opstate.history.HistoryEvent;
import io.opstate.history.NewHistoryEvent;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A construct's activity timeline: its history events, session starts and ends and transcript
 * entries in one total order, paged, and counted per time bucket.
 */
public abstract class ConstructTimelineContract extends TckSupport {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** The order the timeline promises: time, kind, session id (code points), then number. */
    private static final Comparator<TimelineEvent> OLDEST_FIRST = Comparator.comparing(TimelineEvent::at)
            .thenComparing(TimelineEvent::kind)
            .thenComparing(event -> event.sessionId() == null ? "" : event.sessionId())
            .thenComparingLong(TimelineEvent::sequence)
            .thenComparingLong(TimelineEvent::historyEventId);

    protected ConstructRepository constructs() {
        return store.constructs();
    }

    @BeforeEach
    void createConstructs() {
        constructs().create(NewConstruct.of("task", "open").withId("c1"));
        constructs().create(NewConstruct.of("task", "open").withId("other"));
    }

    private static TimelineEvent history(HistoryEvent event) {
        return new TimelineEvent(TimelineKind.HISTORY_EVENT, event.occurredAt(), null, 0, event.event(), event.id());
    }

    private static TimelineEvent started(Session session) {
        return new TimelineEvent(TimelineKind.SESSION_STARTED, session.startedAt(), session.id(), 0, session.status(), 0);
    }

    private static TimelineEvent ended(Session session) {
        return new TimelineEvent(TimelineKind.SESSION_ENDED, session.endedAt(), session.id(), 0, session.status(), 0);
    }

    private static TimelineEvent entry(TranscriptEntry entry) {
        return new TimelineEvent(TimelineKind.TRANSCRIPT_ENTRY, entry.createdAt(), entry.sessionId(), entry.sequence(),
                entry.role(), 0);
    }

    private static List<NewTranscriptEntry> said(String role, int count) {
        return IntStream.range(0, count).mapToObj(i -> NewTranscriptEntry.of(role, "text " + i)).toList();
    }

    /** Every page of the timeline, read with {@code limit} items a page, in {@code order}. */
    private List<TimelineEvent> allPages(String constructId, TimelineQuery query, int limit, SortOrder order) {
        List<TimelineEvent> events = new ArrayList<>();
        PageRequest request = new PageRequest(limit, null, order);
        while (true) {
            Page<TimelineEvent> page = constructs().timeline(constructId, query, request);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            events.addAll(page.items());
            if (!page.hasMore()) {
                assertThat(page.nextCursor()).isNull();
                return events;
            }
            assertThat(page.items()).hasSize(limit);
            request = request.after(page.nextCursor());
        }
    }

    private static List<TimelineEvent> reversed(List<TimelineEvent> events) {
        List<TimelineEvent> copy = new ArrayList<>(events);
        Collections.reverse(copy);
        return copy;
    }

    /**
     * At T0 the construct is made (a history event); a minute later two sessions start, a history
     * event is logged, and both sessions say something, all at the same instant; another minute
     * later s1 says more, then ends at that same instant. The other construct has events of every
     * kind at the same instants, which c1's timeline never shows.
     */
    private List<TimelineEvent> seedTwoSessions() {
        HistoryEvent made = history().append(NewHistoryEvent.of("construct.created").withSubjectId("c1"));
        history().append(NewHistoryEvent.of("construct.created").withSubjectId("other"));
        history().append(NewHistoryEvent.of("unrelated"));
        Instant oneMinute = advance(MINUTE);
        // s1 created first, s0 second: ties are broken by id, not by creation.
        Session s1 = store.sessions().create(NewSession.of("c1", "running").withId("s1"));
        Session s0 = store.sessions().create(NewSession.of("c1", "running").withId("s0"));
        Session foreign = store.sessions().create(NewSession.of("other", "running").withId("s-other"));
        HistoryEvent assigned = history().append(NewHistoryEvent.of("session.assigned").withSubjectId("c1"));
        List<TranscriptEntry> s1First = store.transcripts().appendAll("s1", said("user", 2));
        TranscriptEntry s0First = store.transcripts().append("s0", NewTranscriptEntry.of("assistant", "hello"));
        store.transcripts().appendAll("s-other", said("user", 3));
        Instant twoMinutes = advance(MINUTE);
        TranscriptEntry s1Last = store.transcripts().append("s1", NewTranscriptEntry.of("tool", "done"));
        Session s1Ended = store.sessions().update("s1", s1.version(),
                SessionChanges.none().withStatus("finished").withEndedAt(twoMinutes));
        store.sessions().update("s-other", foreign.version(), SessionChanges.none().withEndedAt(twoMinutes));
        assertThat(s0.startedAt()).isEqualTo(oneMinute);
        // A session's events show its current status.
        return List.of(
                history(made),
                history(assigned),
                started(s0),
                started(s1Ended),
                entry(s0First),
                entry(s1First.get(0)),
                entry(s1First.get(1)),
                entry(s1Last),
                ended(s1Ended));
    }

    @Test
    @DisplayName("timeline: history events, session starts and ends and entries in time order, ties by kind, session and number")
    void everyKindInOrder() {
        List<TimelineEvent> expected = seedTwoSessions();

        Page<TimelineEvent> oldestFirst = constructs().timeline("c1", TimelineQuery.all(), PageRequest.first(100).oldestFirst());
        assertThat(oldestFirst.items()).containsExactlyElementsOf(expected);
        assertThat(oldestFirst.hasMore()).isFalse();
        assertThat(constructs().timeline("c1", null, PageRequest.first(100)).items())
                .as("newest first, the default").containsExactlyElementsOf(reversed(expected));
        try (var stream = constructs().timelineStream("c1", null, SortOrder.OLDEST_FIRST)) {
            assertThat(stream.toList()).containsExactlyElementsOf(expected);
        }
        try (var stream = constructs().timelineStream("c1", TimelineQuery.all(), null)) {
            assertThat(stream.toList()).containsExactlyElementsOf(reversed(expected));
        }
        assertThat(constructs().timeline("other", null, PageRequest.first(100)).items())
                .extracting(TimelineEvent::kind)
                .containsOnly(TimelineKind.values())
                .hasSize(1 + 1 + 3 + 1);
    }

    @Test
    @DisplayName("timeline: from is inclusive, before exclusive, on every kind; kinds restrict; a session not ended has no end")
    void rangeAndKinds() {
        List<TimelineEvent> all = seedTwoSessions();
        Instant oneMinute = T0.plus(MINUTE);
        Instant twoMinutes = oneMinute.plus(MINUTE);

        assertThat(allPages("c1", TimelineQuery.all().between(oneMinute, twoMinutes), 100, SortOrder.OLDEST_FIRST))
                .containsExactlyElementsOf(all.stream().filter(event -> event.at().equals(oneMinute)).toList());
        assertThat(allPages("c1", TimelineQuery.all().between(twoMinutes, null), 100, SortOrder.OLDEST_FIRST))
                .containsExactlyElementsOf(all.subList(7, 9));
        assertThat(allPages("c1", TimelineQuery.all().between(null, oneMinute), 100, SortOrder.OLDEST_FIRST))
                .containsExactly(all.get(0));
        assertThat(allPages("c1", TimelineQuery.all().between(twoMinutes.plusNanos(1000), null), 100, SortOrder.OLDEST_FIRST))
                .isEmpty();
        assertThat(allPages("c1", TimelineQuery.all().between(twoMinutes, twoMinutes), 100, SortOrder.OLDEST_FIRST))
                .isEmpty();

        TimelineQuery sessionsOnly = TimelineQuery.all().withKinds(TimelineKind.SESSION_ENDED, TimelineKind.SESSION_STARTED);
        assertThat(allPages("c1", sessionsOnly, 100, SortOrder.OLDEST_FIRST)).containsExactlyElementsOf(all.stream()
                .filter(event -> event.kind() == TimelineKind.SESSION_STARTED || event.kind() == TimelineKind.SESSION_ENDED)
                .toList());
        assertThat(allPages("c1", sessionsOnly, 100, SortOrder.OLDEST_FIRST))
                .filteredOn(event -> event.kind() == TimelineKind.SESSION_ENDED)
                .extracting(TimelineEvent::sessionId).containsExactly("s1");
        assertThat(allPages("c1", TimelineQuery.all().withKinds(TimelineKind.HISTORY_EVENT), 100, SortOrder.NEWEST_FIRST))
                .containsExactly(all.get(1), all.get(0));
    }

    @Test
    @DisplayName("timeline: pages of any size, in both orders, hold every event once, in order, with many ties at one instant")
    void pagingAcrossManyEntries() {
        List<TimelineEvent> expected = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        // "a:1": a colon in a session id must survive the cursor, which holds it.
        for (String id : List.of("b", "a:1", "c")) {
            Session session = store.sessions().create(NewSession.of("c1", "running").withId(id));
            sessions.add(session);
            expected.add(started(session));
        }
        for (int round = 0; round < 12; round++) {
            // Every session appends a chunk at the same instant; every third round the clock stays.
            for (Session session : sessions) {
                store.transcripts().appendAll(session.id(), said("r" + round, 30)).forEach(e -> expected.add(entry(e)));
            }
            expected.add(history(history().append(NewHistoryEvent.of("round." + round).withSubjectId("c1"))));
            if (round % 3 != 2) {
                advance(Duration.ofSeconds(1));
            }
        }
        expected.sort(OLDEST_FIRST);
        assertThat(expected).hasSize(3 + 12 * 91);

        for (int limit : List.of(1_000, 97, 30, 7)) {
            assertThat(allPages("c1", null, limit, SortOrder.OLDEST_FIRST)).as("oldest first, %s a page", limit)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(allPages("c1", null, 41, SortOrder.NEWEST_FIRST)).containsExactlyElementsOf(reversed(expected));
        try (var stream = constructs().timelineStream("c1", null, SortOrder.OLDEST_FIRST)) {
            assertThat(stream.toList()).containsExactlyElementsOf(expected);
        }
        Instant from = expected.get(500).at();
        Instant before = expected.get(900).at();
        assertThat(allPages("c1", TimelineQuery.all().between(from, before), 50, SortOrder.OLDEST_FIRST))
                .containsExactlyElementsOf(expected.stream()
                        .filter(event -> !event.at().isBefore(from) && event.at().isBefore(before)).toList());
    }

    @Test
    @DisplayName("timelineCounts: per epoch-aligned bucket and kind, every bucket of the range, inside [from, before) only")
    void countsPerBucket() {
        List<TimelineEvent> all = seedTwoSessions();
        Instant oneMinute = T0.plus(MINUTE);
        Instant bucketOfT0 = Instant.ofEpochSecond(Math.floorDiv(T0.getEpochSecond(), 60) * 60);

        List<TimelineBucket> buckets = constructs().timelineCounts("c1", T0, T0.plus(Duration.ofMinutes(4)), MINUTE);
        // T0 is 10:15:30.123456: buckets start on whole minutes, the first before T0, the last holds 10:19:30.
        assertThat(buckets).extracting(TimelineBucket::start).containsExactly(bucketOfT0, bucketOfT0.plus(MINUTE),
                bucketOfT0.plus(Duration.ofMinutes(2)), bucketOfT0.plus(Duration.ofMinutes(3)),
                bucketOfT0.plus(Duration.ofMinutes(4)));
        assertThat(buckets.get(0).counts()).isEqualTo(Map.of(TimelineKind.HISTORY_EVENT, 1L,
                TimelineKind.SESSION_STARTED, 0L, TimelineKind.TRANSCRIPT_ENTRY, 0L, TimelineKind.SESSION_ENDED, 0L));
        assertThat(buckets.get(1).counts()).isEqualTo(Map.of(TimelineKind.HISTORY_EVENT, 1L,
                TimelineKind.SESSION_STARTED, 2L, TimelineKind.TRANSCRIPT_ENTRY, 3L, TimelineKind.SESSION_ENDED, 0L));
        assertThat(buckets.get(2).counts()).isEqualTo(Map.of(TimelineKind.HISTORY_EVENT, 0L,
                TimelineKind.SESSION_STARTED, 0L, TimelineKind.TRANSCRIPT_ENTRY, 1L, TimelineKind.SESSION_ENDED, 1L));
        assertThat(buckets.subList(3, 5)).allSatisfy(bucket -> assertThat(bucket.total()).isZero());
        assertThat(buckets.stream().mapToLong(TimelineBucket::total).sum()).isEqualTo(all.size());

        // Only what lies inside the range: from one microsecond after T0 the first event is out.
        List<TimelineBucket> fromAfterT0 = constructs().timelineCounts("c1", T0.plusNanos(1000),
                T0.plusSeconds(20), MINUTE);
        assertThat(fromAfterT0).hasSize(1);
        assertThat(fromAfterT0.get(0).start()).isEqualTo(bucketOfT0);
        assertThat(fromAfterT0.get(0).total()).isZero();

        // One bucket holding everything; an hour long, aligned to the hour.
        List<TimelineBucket> hour = constructs().timelineCounts("c1", T0, T0.plus(Duration.ofMinutes(3)), Duration.ofHours(1));
        assertThat(hour).singleElement().satisfies(bucket -> {
            assertThat(bucket.start()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
            assertThat(bucket.count(TimelineKind.TRANSCRIPT_ENTRY)).isEqualTo(4);
            assertThat(bucket.total()).isEqualTo(all.size());
        });
        assertThat(constructs().timelineCounts("c1", T0, T0, MINUTE)).isEmpty();
        assertThat(constructs().timelineCounts("other", T0, T0.plus(Duration.ofMinutes(3)), Duration.ofDays(1)))
                .singleElement().satisfies(bucket -> assertThat(bucket.total()).isEqualTo(1 + 1 + 3 + 1));
    }

    @Test
    @DisplayName("timelineCounts: buckets before 1970 are aligned to the epoch too, with microsecond buckets at the edges")
    void countsBeforeTheEpoch() {
        Instant late1969 = Instant.parse("1969-12-31T23:59:30Z");
        for (int i = 0; i < 4; i++) {
            // 23:59:30, :45, 00:00:00, :15; and one a microsecond before midnight.
            store.sessions().create(NewSession.of("c1", "old").withId("old" + i).withStartedAt(late1969.plusSeconds(15L * i)));
        }
        store.sessions().create(NewSession.of("c1", "old").withId("edge").withStartedAt(Instant.EPOCH.minusNanos(1000)));

        List<TimelineBucket> buckets = constructs().timelineCounts("c1", Instant.parse("1969-12-31T23:59:20Z"),
                Instant.parse("1970-01-01T00:00:20Z"), Duration.ofSeconds(30));
        assertThat(buckets).extracting(TimelineBucket::start).containsExactly(
                Instant.parse("1969-12-31T23:59:00Z"), late1969, Instant.EPOCH);
        assertThat(buckets).extracting(bucket -> bucket.count(TimelineKind.SESSION_STARTED)).containsExactly(0L, 3L, 2L);

        List<TimelineBucket> micro = constructs().timelineCounts("c1", Instant.EPOCH.minusNanos(2000),
                Instant.EPOCH.plusNanos(1000), Duration.ofNanos(1000));
        assertThat(micro).extracting(TimelineBucket::start).containsExactly(Instant.EPOCH.minusNanos(2000),
                Instant.EPOCH.minusNanos(1000), Instant.EPOCH);
        assertThat(micro).extracting(TimelineBucket::total).containsExactly(0L, 1L, 1L);
        assertThat(allPages("c1", TimelineQuery.all().between(null, Instant.EPOCH), 2, SortOrder.OLDEST_FIRST))
                .extracting(TimelineEvent::sessionId).containsExactly("old0", "old1", "edge");
    }

    @Test
    @DisplayName("timeline of an unknown or deleted construct: NotFoundException, from pages, counts and a pulled stream")
    void unknownConstruct() {
        seedTwoSessions();
        assertThat(constructs().timeline("other", null, PageRequest.first())).satisfies(page -> assertThat(page.items()).isNotEmpty());
        constructs().create(NewConstruct.of("task", "open").withId("quiet"));
        assertThat(constructs().timeline("quiet", null, PageRequest.first()).items()).isEmpty();
        assertThat(constructs().timelineCounts("quiet", T0, T0.plus(MINUTE), MINUTE))
                .allSatisfy(bucket -> assertThat(bucket.total()).isZero());

        assertThat(constructs().delete("c1")).isTrue();
        for (String id : List.of("c1", "never", "x".repeat(201), "")) {
            assertThatThrownBy(() -> constructs().timeline(id, null, PageRequest.first()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> constructs().timelineCounts(id, T0, T0.plus(MINUTE), MINUTE))
                    .isInstanceOf(NotFoundException.class);
            var stream = constructs().timelineStream(id, null, SortOrder.OLDEST_FIRST);
            assertThatThrownBy(stream::toList).isInstanceOf(NotFoundException.class);
        }
        assertThat(constructs().timeline("other", null, PageRequest.first(100)).items()).hasSize(6);
    }

    @Test
    @DisplayName("timeline: bad arguments are refused naming the field, before anything is read")
    void validation() {
        seedTwoSessions();
        PageRequest first = PageRequest.first();
        assertRejected("constructId", () -> constructs().timeline(null, null, first));
        assertRejected("constructId", () -> constructs().timelineStream(null, null, null));
        assertRejected("constructId", () -> constructs().timelineCounts(null, T0, T0.plus(MINUTE), MINUTE));
        assertRejected("page", () -> constructs().timeline("c1", null, null));
        assertRejected("limit", () -> constructs().timeline("c1", null, PageRequest.first(0)));
        assertRejected("limit", () -> constructs().timeline("c1", null, PageRequest.first(PageRequest.MAX_LIMIT + 1)));
        assertRejected("from", () -> constructs().timeline("c1", TimelineQuery.all().between(Instant.MIN, null), first));
        assertRejected("before", () -> constructs().timelineStream("c1",
                TimelineQuery.all().between(null, Instant.parse("+10000-01-01T00:00:00Z")), null));
        assertRejected("kinds", () -> constructs().timeline("c1", new TimelineQuery(null, null,
                Collections.singleton(null)), first));
        assertRejected("kinds", () -> constructs().timelineStream("c1", TimelineQuery.all().withKinds(
                TimelineKind.HISTORY_EVENT, null), SortOrder.OLDEST_FIRST));

        // Cursors: forged, from another listing, or naming a position no timeline has.
        String constructCursor = constructs().list(null, PageRequest.first(1)).nextCursor();
        String timelineCursor = constructs().timeline("c1", null, PageRequest.first(1)).nextCursor();
        assertThat(timelineCursor).isNotNull();
        assertThat(constructs().timeline("c1", null, first.after(timelineCursor)).items()).hasSize(8);
        assertRejected("cursor", () -> constructs().timeline("c1", null, first.after(constructCursor)));
        for (String key : List.of("9:0:s1", "0:1:s1", "1:0:", "2:-1:s1", "2:01:s1", "x:0:s1", "2:0", "2:0:s\u0000")) {
            String forged = io.opstate.core.PageCursor.encode(T0, key);
            assertRejected("cursor", () -> constructs().timeline("c1", null, first.after(forged)));
        }
        assertRejected("cursor", () -> constructs().timeline("c1", null, first.after("not a cursor")));

        Instant later = T0.plus(MINUTE);
        assertRejected("from", () -> constructs().timelineCounts("c1", null, later, MINUTE));
        assertRejected("before", () -> constructs().timelineCounts("c1", T0, null, MINUTE));
        assertRejected("from", () -> constructs().timelineCounts("c1", Instant.MIN, later, MINUTE));
        assertRejected("before", () -> constructs().timelineCounts("c1", later, T0, MINUTE));
        assertRejected("bucket", () -> constructs().timelineCounts("c1", T0, later, null));
        assertRejected("bucket", () -> constructs().timelineCounts("c1", T0, later, Duration.ZERO));
        assertRejected("bucket", () -> constructs().timelineCounts("c1", T0, later, Duration.ofSeconds(-60)));
        assertRejected("bucket", () -> constructs().timelineCounts("c1", T0, later, Duration.ofNanos(1500)));
        assertRejected("bucket", () -> constructs().timelineCounts("c1", T0, later, Duration.ofSeconds(Long.MAX_VALUE)));
        // Ten thousand buckets is the most; one more is refused.
        Instant aligned = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(constructs().timelineCounts("c1", aligned, aligned.plusSeconds(ConstructRepository.MAX_TIMELINE_BUCKETS),
                Duration.ofSeconds(1))).hasSize(ConstructRepository.MAX_TIMELINE_BUCKETS);
        assertRejected("bucket", () -> constructs().timelineCounts("c1", aligned,
                aligned.plusSeconds(ConstructRepository.MAX_TIMELINE_BUCKETS).plusNanos(1000), Duration.ofSeconds(1)));
        // Validation comes first: an unknown construct with a bad bucket is a bad bucket.
        assertRejected("bucket", () -> constructs().timelineCounts("never", T0, later, Duration.ZERO));
        assertThat(Set.of(TimelineKind.values())).hasSize(4);
    }
}
