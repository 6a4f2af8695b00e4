package io.opstate.memory.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.history.AppendedEvents;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryPosition;
import io.opstate.history.HistoryQuery;
import io.opstate.history.HistoryRepository;
import io.opstate.history.NewHistoryEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link HistoryRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryHistoryRepository implements HistoryRepository {
    private final Session session;

    MemoryHistoryRepository(Session session) {
        this.session = session;
    }

    @Override
    public HistoryEvent append(NewHistoryEvent event) {
        return session.write(store -> store.history.insert(new HistoryEvent(store.historySequence.next(),
                event.event(), event.subjectId(), event.metadata(), session.now())));
    }

    @Override
    public Optional<HistoryEvent> find(long id) {
        return session.read(store -> Optional.ofNullable(store.history.find(id)));
    }

    @Override
    public Page<HistoryEvent> list(HistoryQuery query, PageRequest page) {
        return session.read(store -> Pager.page(store.historyByTime, matching(query), page));
    }

    /** Appends run under the store's write lock: ids follow commit order, and the position is the id alone. */
    @Override
    public AppendedEvents appendedAfter(HistoryPosition position, int limit) {
        List<HistoryEvent> events = session.read(store -> position.transaction() > 0 ? List.<HistoryEvent>of()
                : store.history.select(event -> event.id() > position.id()).stream()
                        .sorted(Comparator.comparingLong(HistoryEvent::id))
                        .limit(limit)
                        .toList());
        return new AppendedEvents(events,
                events.isEmpty() ? position : new HistoryPosition(0, events.get(events.size() - 1).id()));
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return session.write(store -> store.history.deleteWhere(event -> event.occurredAt().isBefore(cutoff)));
    }

    private static Predicate<HistoryEvent> matching(HistoryQuery query) {
        return event -> (query.subjectId() == null || query.subjectId().equals(event.subjectId()))
                && (query.event() == null || query.event().equals(event.event()))
                && (query.from() == null || !event.occurredAt().isBefore(query.from()))
                && (query.before() == null || event.occurredAt().isBefore(query.before()));
    }
}
