package io.opstate.core;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.InvalidInputException;
import io.opstate.history.AppendedEvents;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryPosition;
import io.opstate.history.HistoryQuery;
import io.opstate.history.HistoryRepository;
import io.opstate.history.NewHistoryEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks the arguments of every {@link HistoryRepository} call, then delegates. */
final class ValidatingHistoryRepository implements HistoryRepository {
    private final HistoryRepository backend;
    private final int maxPayloadBytes;

    ValidatingHistoryRepository(HistoryRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public HistoryEvent append(NewHistoryEvent event) {
        Checks.required("event", event);
        TextChecks.name("event", event.event());
        TextChecks.optionalName("subjectId", event.subjectId());
        JsonChecks.optional("metadata", event.metadata(), maxPayloadBytes);
        return backend.append(event);
    }

    @Override
    public Optional<HistoryEvent> find(long id) {
        return backend.find(id);
    }

    @Override
    public Page<HistoryEvent> list(HistoryQuery query, PageRequest page) {
        HistoryQuery checkedQuery = checked(query);
        return backend.list(checkedQuery, Checks.page(page, true));
    }

    /** Checks the query now, not when the first page is pulled; the backend walks checked pages. */
    @Override
    public Stream<HistoryEvent> stream(HistoryQuery query, SortOrder order) {
        return backend.stream(checked(query), Checks.order(order));
    }

    @Override
    public AppendedEvents appendedAfter(HistoryPosition position, int limit) {
        Checks.required("position", position);
        if (position.transaction() < 0 || position.id() < 0) {
            throw new InvalidInputException("position", "must not have a negative part, got " + position);
        }
        return backend.appendedAfter(position, Checks.limit(limit));
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return backend.deleteBefore(Checks.requiredInstant("cutoff", cutoff));
    }

    /** A null query means every event. */
    private static HistoryQuery checked(HistoryQuery query) {
        if (query == null) {
            return HistoryQuery.all();
        }
        return new HistoryQuery(
                TextChecks.optionalName("subjectId", query.subjectId()),
                TextChecks.optionalName("event", query.event()),
                Checks.instant("from", query.from()),
                Checks.instant("before", query.before()));
    }
}
