package io.opstate.memory.internal;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import io.opstate.SortOrder;
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineEvent;
import io.opstate.constructs.TimelineKind;
import io.opstate.constructs.TimelineQuery;
import io.opstate.core.JsonFieldMatch;
import io.opstate.core.TimelineBuckets;
import io.opstate.core.TimelinePosition;
import io.opstate.history.HistoryEvent;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import io.opstate.core.StoreOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@link ConstructRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryConstructRepository implements ConstructRepository {
    private final Session session;

    MemoryConstructRepository(Session session) {
        this.session = session;
    }

    @Override
    public Construct create(NewConstruct construct) {
        return session.write(store -> {
            Instant now = session.now();
            return store.constructs.insert(new Construct(construct.id(), construct.type(), construct.status(),
                    construct.title(), construct.metadata(), now, now, 1L));
        });
    }

    @Override
    public Optional<Construct> find(String id) {
        return session.read(store -> Optional.ofNullable(store.constructs.find(id)));
    }

    @Override
    public Construct get(String id) {
        return session.read(store -> store.constructs.require(id));
    }

    @Override
    public Construct update(String id, long expectedVersion, ConstructChanges changes) {
        return session.write(store -> {
            Construct current = store.constructs.requireVersion(id, expectedVersion, Construct::version);
            String title = changes.removeTitle() ? null : Changes.orCurrent(changes.title(), current.title());
            String metadata = changes.removeMetadata() ? null
                    : Changes.orCurrent(changes.metadata(), current.metadata());
            return store.constructs.update(new Construct(id, current.type(),
                    Changes.orCurrent(changes.status(), current.status()), title, metadata, current.createdAt(),
                    session.now(), current.version() + 1));
        });
    }

    /**
     * The construct and, as the SQL backends' foreign keys cascade, every edge at either end; its
     * sessions with their checkpoints and transcripts and its artifacts' rows go at once, so there is
     * never anything to purge.
     */
    @Override
    public boolean delete(String id) {
        return session.write(store -> {
            if (!store.constructs.delete(id)) {
                return false;
            }
            store.constructLinks.deleteWhere(link -> link.fromId().equals(id) || link.toId().equals(id));
            for (io.opstate.sessions.Session owned : store.sessions.select(owned -> owned.constructId().equals(id))) {
                store.sessions.delete(owned.id());
                store.sessionLogs.remove(owned.id());
            }
            store.artifacts.deleteWhere(artifact -> artifact.constructId().equals(id));
            return true;
        });
    }

    /** Nothing is ever left to purge: {@link #delete} removes everything at once. */
    @Override
    public long purgeDeleted() {
        session.ensureOpen();
        return 0;
    }

    @Override
    public Page<Construct> list(ConstructQuery query, PageRequest page) {
        return session.read(store -> Pager.page(store.constructsByCreation, matching(query), page));
    }

    @Override
    public Map<String, Long> countByStatus(ConstructQuery query) {
        return session.read(store -> {
            Map<String, Long> counts = new TreeMap<>(StoreOrder::compareCodePoints);
            store.constructs.select(matching(query)).forEach(construct -> counts.merge(construct.status(), 1L, Long::sum));
            return Collections.unmodifiableMap(counts);
        });
    }

    @Override
    public ConstructLink link(String fromId, String type, String toId, String metadataJson) {
        return session.write(store -> {
            for (String end : List.of(fromId, toId)) {
                if (store.constructs.find(end) == null) {
                    throw new NotFoundException("construct", end);
                }
            }
            LinkKey key = new LinkKey(fromId, type, toId);
            if (store.constructLinks.find(key) != null) {
                throw new DuplicateKeyException("construct link", key.toString());
            }
            return store.constructLinks.insert(new ConstructLink(fromId, type, toId, metadataJson, session.now()));
        });
    }

    @Override
    public boolean unlink(String fromId, String type, String toId) {
        return session.write(store -> store.constructLinks.delete(new LinkKey(fromId, type, toId)));
    }

    @Override
    public List<ConstructLink> outgoing(String id, String type) {
        return edges(link -> link.fromId().equals(id), ConstructLink::toId, type);
    }

    @Override
    public List<ConstructLink> incoming(String id, String type) {
        return edges(link -> link.toId().equals(id), ConstructLink::fromId, type);
    }

    /**
     * Collects the construct's events in the range and sorts them: every page reads all of them,
     * which a store held in memory affords, and which keeps the order exactly the SQL backends'.
     */
    @Override
    public Page<TimelineEvent> timeline(String constructId, TimelineQuery query, PageRequest page) {
        TimelinePosition cursor = TimelinePosition.decode(page.cursor());
        boolean descending = page.order() != SortOrder.OLDEST_FIRST;
        Comparator<TimelinePosition> order = descending ? TimelinePosition.ORDER.reversed() : TimelinePosition.ORDER;
        return session.read(store -> {
            List<TimelineEvent> events = new ArrayList<>();
            for (TimelineEvent event : events(store, constructId, query.from(), query.before())) {
                if (query.includes(event.kind())
                        && (cursor == null || order.compare(TimelinePosition.of(event), cursor) > 0)) {
                    events.add(event);
                }
            }
            events.sort(Comparator.comparing(TimelinePosition::of, order));
            if (events.size() <= page.limit()) {
                return new Page<>(events, null);
            }
            List<TimelineEvent> items = events.subList(0, page.limit());
            return new Page<>(items, TimelinePosition.of(items.get(items.size() - 1)).encode());
        });
    }

    @Override
    public List<TimelineBucket> timelineCounts(String constructId, Instant from, Instant before, Duration bucket) {
        TimelineBuckets buckets = TimelineBuckets.of(from, before, bucket);
        return session.read(store -> {
            TimelineBuckets.Tally tally = buckets.tally();
            for (TimelineEvent event : events(store, constructId, from, before)) {
                tally.add(buckets.index(event.at()), event.kind(), 1);
            }
            return tally.buckets();
        });
    }

    /** Every event of the construct's timeline at {@code [from, before)} (null: unbounded), unordered. */
    private static List<TimelineEvent> events(MemoryStore store, String constructId, Instant from, Instant before) {
        store.constructs.require(constructId);
        Predicate<Instant> inRange = at -> at != null && (from == null || !at.isBefore(from))
                && (before == null || at.isBefore(before));
        List<TimelineEvent> events = new ArrayList<>();
        for (HistoryEvent event : store.history.select(event -> constructId.equals(event.subjectId())
                && inRange.test(event.occurredAt()))) {
            events.add(new TimelineEvent(TimelineKind.HISTORY_EVENT, event.occurredAt(), null, 0, event.event(), event.id()));
        }
        for (io.opstate.sessions.Session owned : store.sessions.select(owned -> owned.constructId().equals(constructId))) {
            if (inRange.test(owned.startedAt())) {
                events.add(new TimelineEvent(TimelineKind.SESSION_STARTED, owned.startedAt(), owned.id(), 0,
                        owned.status(), 0));
            }
            if (inRange.test(owned.endedAt())) {
                events.add(new TimelineEvent(TimelineKind.SESSION_ENDED, owned.endedAt(), owned.id(), 0,
                        owned.status(), 0));
            }
            for (TranscriptEntry entry : store.sessionLogs.entries(owned.id())) {
                if (inRange.test(entry.createdAt())) {
                    events.add(new TimelineEvent(TimelineKind.TRANSCRIPT_ENTRY, entry.createdAt(), owned.id(),
                            entry.sequence(), entry.role(), 0));
                }
            }
        }
        return events;
    }

    private List<ConstructLink> edges(Predicate<ConstructLink> atEnd, Function<ConstructLink, String> otherEnd,
                                      String type) {
        return session.read(store -> {
            List<ConstructLink> edges = store.constructLinks.select(
                    link -> atEnd.test(link) && (type == null || type.equals(link.type())));
            edges.sort(Comparator.comparing(ConstructLink::type, StoreOrder::compareCodePoints)
                    .thenComparing(otherEnd, StoreOrder::compareCodePoints));
            return List.copyOf(edges);
        });
    }

    private static Predicate<Construct> matching(ConstructQuery query) {
        Predicate<String> metadata = query.metadata() == null ? any -> true : JsonFieldMatch.matcher(query.metadata());
        return construct -> (query.types().isEmpty() || query.types().contains(construct.type()))
                && (query.statuses().isEmpty() || query.statuses().contains(construct.status()))
                && (query.createdFrom() == null || !construct.createdAt().isBefore(query.createdFrom()))
                && (query.createdBefore() == null || construct.createdAt().isBefore(query.createdBefore()))
                && metadata.test(construct.metadata());
    }

    /** The key of an edge; its text is how messages name the edge, as the SQL backends name it. */
    record LinkKey(String fromId, String type, String toId) {
        static LinkKey of(ConstructLink link) {
            return new LinkKey(link.fromId(), link.type(), link.toId());
        }

        @Override
        public String toString() {
            return fromId + " -[" + type + "]-> " + toId;
        }
    }
}
