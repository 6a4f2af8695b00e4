package io.opstate.tck;

import static io.opstate.tck.HostileSeed.CONSTRUCT;
import static io.opstate.tck.HostileSeed.LINK_TYPE;
import static io.opstate.tck.HostileSeed.OTHER_CONSTRUCT;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import io.opstate.constructs.TimelineKind;
import io.opstate.constructs.TimelineQuery;
import io.opstate.core.PageCursor;
import io.opstate.core.TimelinePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Every public entry point of the construct repository, with hostile arguments. */
final class HostileConstructCalls {
    /** Events of the seeded construct's timeline: its session's start and the session's entries. */
    private static final long TIMELINE_EVENTS = 1 + HostileSessionCalls.ENTRIES;
    /** Where a page of the seeded construct's timeline could end: its session's first entry. */
    private static final String REAL_TIMELINE_CURSOR = new TimelinePosition(TckSupport.T0, TimelineKind.TRANSCRIPT_ENTRY,
            HostileSessionCalls.SESSION, 1).encode();

    private HostileConstructCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("constructs().create", r -> {
            Hostile<NewConstruct> construct = r.newConstruct();
            boolean taken = construct.value() != null && isConstruct(construct.value().id());
            return HostileCall.writing("create(" + construct + ")", s -> s.constructs().create(construct.value()),
                    taken ? Outcome.fails(DuplicateKeyException.class) : Outcome.returns("the construct", Objects::nonNull));
        });
        calls.put("constructs().update", HostileRecordCalls.update(CONSTRUCT, HostileConstructCalls::isConstruct, HostileRecords::constructChanges,
                Hostile.of(ConstructChanges.none(), "no changes"), (s, id, version, changes) -> s.constructs()
                        .update(id, version, changes)));
        HostileCommonCalls.addKeyed(calls, "constructs()", HostileConstructCalls::isConstruct,
                (s, id) -> s.constructs().find(id), (s, id) -> s.constructs().get(id), (s, id) -> s.constructs().delete(id));
        HostileCommonCalls.addQueried(calls, "constructs()", HostileRecords::constructQuery,
                Hostile.of(ConstructQuery.all(), "all"), null, false, (s, query, page) -> s.constructs().list(query, page),
                (s, query, order) -> s.constructs().stream(query, order).count(), 2);
        calls.put("constructs().countByStatus", r -> {
            Hostile<ConstructQuery> query = r.constructQuery();
            return HostileCall.reading("countByStatus(" + query + ")", s -> s.constructs().countByStatus(query.value()),
                    Outcome.returns("at most the two constructs", counts -> ((Map<?, ?>) counts).values().stream()
                            .mapToLong(count -> (Long) count).sum() <= 2));
        });
        calls.put("constructs().link", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<String> from = plan.argument(0, r.values()::name, Hostile.of(OTHER_CONSTRUCT, "the other construct"));
            Hostile<String> type = plan.argument(1, r.values()::name, Hostile.of("t2", "a new type"));
            Hostile<String> to = plan.argument(2, r.values()::name, Hostile.of(CONSTRUCT, "the construct"));
            Hostile<String> metadata = plan.argument(3, r::jsonObject, Hostile.of("{\"k\": 1}", "an object"));
            return HostileCall.writing("link(" + from + ", " + type + ", " + to + ", " + metadata + ")",
                    s -> s.constructs().link(from.value(), type.value(), to.value(), metadata.value()),
                    linked(from.value(), type.value(), to.value()));
        });
        calls.put("constructs().unlink", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> from = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "the construct"));
            Hostile<String> type = plan.argument(1, r.values()::name, Hostile.of(LINK_TYPE, "the edge's type"));
            Hostile<String> to = plan.argument(2, r.values()::name, Hostile.of(OTHER_CONSTRUCT, "the other construct"));
            boolean seeded = isSeededEdge(from.value(), type.value(), to.value());
            return HostileCall.writing("unlink(" + from + ", " + type + ", " + to + ")",
                    s -> s.constructs().unlink(from.value(), type.value(), to.value()),
                    Outcome.returns(String.valueOf(seeded), unlinked -> (Boolean) unlinked == seeded));
        });
        calls.put("constructs().timeline", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "the construct"));
            Hostile<TimelineQuery> query = plan.argument(1, r::timelineQuery, Hostile.of(null, "the whole timeline"));
            Hostile<PageRequest> page = plan.argument(2, () -> timelinePage(r),
                    Hostile.of(PageRequest.first(2), "first page of 2"));
            return HostileCall.reading("timeline(" + id + ", " + query + ", " + page + ")",
                    s -> s.constructs().timeline(id.value(), query.value(), page.value()),
                    ofConstruct(id.value(), "a page", result -> result instanceof Page<?>));
        });
        calls.put("constructs().timelineStream", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "the construct"));
            Hostile<TimelineQuery> query = plan.argument(1, r::timelineQuery, Hostile.of(null, "the whole timeline"));
            Hostile<SortOrder> order = plan.argument(2, r.values()::order, Hostile.of(null, "null order"));
            return HostileCall.reading("timelineStream(" + id + ", " + query + ", " + order + ")",
                    s -> s.constructs().timelineStream(id.value(), query.value(), order.value()).count(),
                    ofConstruct(id.value(), "at most " + TIMELINE_EVENTS + " events",
                            counted -> (Long) counted <= TIMELINE_EVENTS));
        });
        calls.put("constructs().timelineCounts", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "the construct"));
            Hostile<Instant> from = plan.argument(1, r.values()::instant, Hostile.of(TckSupport.T0, "T0"));
            Hostile<Instant> before = plan.argument(2, r.values()::instant,
                    Hostile.of(TckSupport.T0.plus(Duration.ofHours(1)), "an hour after T0"));
            Hostile<Duration> bucket = plan.argument(3, () -> r.values().chance(30)
                    ? Hostile.of(r.values().oneOf(Duration.ofNanos(1), Duration.ofNanos(1500), Duration.ofMillis(1),
                            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)), "a fine or extreme bucket")
                    : r.values().duration(), Hostile.of(Duration.ofMinutes(1), "a minute"));
            return HostileCall.reading("timelineCounts(" + id + ", " + from + ", " + before + ", " + bucket + ")",
                    s -> s.constructs().timelineCounts(id.value(), from.value(), before.value(), bucket.value()),
                    ofConstruct(id.value(), "at most " + ConstructRepository.MAX_TIMELINE_BUCKETS + " buckets",
                            buckets -> ((List<?>) buckets).size() <= ConstructRepository.MAX_TIMELINE_BUCKETS));
        });
        calls.put("constructs().outgoing", r -> edges(r, true));
        calls.put("constructs().incoming", r -> edges(r, false));
        return calls;
    }

    /** A seeded construct's timeline gives {@code what}; any other id is not found. */
    private static Outcome ofConstruct(String id, String what, java.util.function.Predicate<Object> check) {
        return isConstruct(id) ? Outcome.returns(what, check) : Outcome.fails(NotFoundException.class);
    }

    /**
     * A page request of the generic kinds, with a cursor of the timeline's shape in it: the
     * position of the seeded session's first entry, or a forged one (kind, number or session
     * id out of place).
     */
    private static Hostile<PageRequest> timelinePage(HostileRecords r) {
        if (r.values().chance(60)) {
            return r.page(REAL_TIMELINE_CURSOR, false);
        }
        String key = r.values().oneOf("4:0:s1", "0:1:s1", "1:0:", "2:-1:s1", "2:01:s1", "x:0:s1", "2:1",
                "0:" + Long.MAX_VALUE + ":", "3:0:" + HostileSessionCalls.SESSION, "2:9:" + "s".repeat(201));
        PageRequest first = r.values().chance(50) ? PageRequest.first(3) : PageRequest.first(3).oldestFirst();
        return Hostile.of(first.after(PageCursor.encode(TckSupport.T0, key)), "cursor of timeline key " + key);
    }

    /** Outgoing edges of the construct, or incoming ones of the other: the seeded edge when its type is asked or null. */
    private static HostileCall edges(HostileRecords r, boolean outgoing) {
        String end = outgoing ? CONSTRUCT : OTHER_CONSTRUCT;
        HostileRecords.Plan plan = r.arguments(2);
        Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(end, "the edge's end"));
        Hostile<String> type = plan.argument(1, r.values()::name, Hostile.of(null, "every type"));
        int expected = end.equals(id.value()) && (type.value() == null || LINK_TYPE.equals(type.value())) ? 1 : 0;
        return HostileCall.reading((outgoing ? "outgoing(" : "incoming(") + id + ", " + type + ")",
                s -> outgoing ? s.constructs().outgoing(id.value(), type.value()) : s.constructs().incoming(id.value(), type.value()),
                Outcome.returns(expected + " edges", edges -> ((List<?>) edges).size() == expected));
    }

    /** Unknown ends first (the source end before the target), then the seeded edge as a duplicate. */
    private static Outcome linked(String from, String type, String to) {
        if (!isConstruct(from) || !isConstruct(to)) {
            return Outcome.fails(NotFoundException.class);
        }
        return isSeededEdge(from, type, to) ? Outcome.fails(DuplicateKeyException.class)
                : Outcome.returns("the edge", Objects::nonNull);
    }

    private static boolean isConstruct(String id) {
        return CONSTRUCT.equals(id) || OTHER_CONSTRUCT.equals(id);
    }

    private static boolean isSeededEdge(String from, String type, String to) {
        return CONSTRUCT.equals(from) && LINK_TYPE.equals(type) && OTHER_CONSTRUCT.equals(to);
    }
}
