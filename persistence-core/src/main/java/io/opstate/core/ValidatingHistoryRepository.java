package io.opstate.core;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.HistoryRepository;
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
    public HistoryEvent append(String event, String subjectId, String metadataJson) {
        TextChecks.name("event", event);
        TextChecks.optionalName("subjectId", subjectId);
        JsonChecks.optional("metadata", metadataJson, maxPayloadBytes);
        return backend.append(event, subjectId, metadataJson);
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
