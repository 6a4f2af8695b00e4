package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.ConstructRepository;
import io.opstate.constructs.NewConstruct;
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineEvent;
import io.opstate.constructs.TimelineQuery;
import io.opstate.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks and normalises the arguments of every {@link ConstructRepository} call, then delegates. */
final class ValidatingConstructRepository implements ConstructRepository {
    private final ConstructRepository backend;
    private final int maxPayloadBytes;

    ValidatingConstructRepository(ConstructRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Construct create(NewConstruct construct) {
        Checks.required("construct", construct);
        String id = construct.id() == null ? Ids.newId() : TextChecks.name("id", construct.id());
        return backend.create(new NewConstruct(
                id,
                TextChecks.name("type", construct.type()),
                TextChecks.name("status", construct.status()),
                TextChecks.text("title", construct.title(), MAX_TITLE_LENGTH),
                JsonChecks.optionalObject("metadata", construct.metadata(), maxPayloadBytes)));
    }

    @Override
    public Optional<Construct> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Construct get(String id) {
        return KeyReads.get("id", "construct", id, backend::get);
    }

    @Override
    public Construct update(String id, long expectedVersion, ConstructChanges changes) {
        TextChecks.name("id", id);
        Checks.required("changes", changes);
        TextChecks.optionalName("status", changes.status());
        TextChecks.text("title", changes.title(), MAX_TITLE_LENGTH);
        if (changes.removeTitle() && changes.title() != null) {
            throw new InvalidInputException("title", "cannot be both replaced and removed in one change");
        }
        JsonChecks.optionalObject("metadata", changes.metadata(), maxPayloadBytes);
        if (changes.removeMetadata() && changes.metadata() != null) {
            throw new InvalidInputException("metadata", "cannot be both replaced and removed in one change");
        }
        return backend.update(id, expectedVersion, changes);
    }

    @Override
    public boolean delete(String id) {
        return backend.delete(TextChecks.name("id", id));
    }

    /** Takes no arguments to check. */
    @Override
    public long purgeDeleted() {
        return backend.purgeDeleted();
    }

    @Override
    public Page<Construct> list(ConstructQuery query, PageRequest page) {
        ConstructQuery checkedQuery = checked(query);
        return backend.list(checkedQuery, Checks.page(page, false));
    }

    /** Checks the query now, not when the first page is pulled; the backend walks checked pages. */
    @Override
    public Stream<Construct> stream(ConstructQuery query, SortOrder order) {
        return backend.stream(checked(query), Checks.order(order));
    }

    @Override
    public Map<String, Long> countByStatus(ConstructQuery query) {
        return backend.countByStatus(checked(query));
    }

    @Override
    public ConstructLink link(String fromId, String type, String toId, String metadataJson) {
        TextChecks.name("fromId", fromId);
        TextChecks.name("type", type);
        TextChecks.name("toId", toId);
        if (toId.equals(fromId)) {
            throw new InvalidInputException("toId", "must differ from fromId: a construct cannot be linked to itself");
        }
        return backend.link(fromId, type, toId, JsonChecks.optionalObject("metadata", metadataJson, maxPayloadBytes));
    }

    @Override
    public boolean unlink(String fromId, String type, String toId) {
        TextChecks.name("fromId", fromId);
        TextChecks.name("type", type);
        TextChecks.name("toId", toId);
        return backend.unlink(fromId, type, toId);
    }

    @Override
    public List<ConstructLink> outgoing(String id, String type) {
        return edges(id, type, backend::outgoing);
    }

    @Override
    public List<ConstructLink> incoming(String id, String type) {
        return edges(id, type, backend::incoming);
    }

    /** An id or type no record can have names no edge: answered here, as {@link KeyReads} answers finds. */
    private static List<ConstructLink> edges(String id, String type, EdgeRead read) {
        Checks.required("id", id);
        if (!TextChecks.isName(id) || (type != null && !TextChecks.isName(type))) {
            return List.of();
        }
        return read.edges(id, type);
    }

    private interface EdgeRead {
        List<ConstructLink> edges(String id, String type);
    }

    @Override
    public Page<TimelineEvent> timeline(String constructId, TimelineQuery query, PageRequest page) {
        Checks.required("constructId", constructId);
        TimelineQuery checkedQuery = checked(query);
        PageRequest checkedPage = Checks.page(page, TimelinePosition::validKey);
        return backend.timeline(possibleConstruct(constructId), checkedQuery, checkedPage);
    }

    /** Checks the arguments now, not when the first page is pulled; the backend walks checked pages. */
    @Override
    public Stream<TimelineEvent> timelineStream(String constructId, TimelineQuery query, SortOrder order) {
        Checks.required("constructId", constructId);
        TimelineQuery checkedQuery = checked(query);
        SortOrder checkedOrder = Checks.order(order);
        if (!TextChecks.isName(constructId)) {
            // As a stream of an unknown construct: it fails when pulled.
            return ConstructRepository.super.timelineStream(constructId, checkedQuery, checkedOrder);
        }
        return backend.timelineStream(constructId, checkedQuery, checkedOrder);
    }

    @Override
    public List<TimelineBucket> timelineCounts(String constructId, Instant from, Instant before, Duration bucket) {
        Checks.required("constructId", constructId);
        Instant checkedFrom = Checks.requiredInstant("from", from);
        Instant checkedBefore = Checks.requiredInstant("before", before);
        TimelineBuckets.of(checkedFrom, checkedBefore, bucket);
        return backend.timelineCounts(possibleConstruct(constructId), checkedFrom, checkedBefore, bucket);
    }

    /** An id no construct can have names none: answered here, as {@link KeyReads} answers gets. */
    private static String possibleConstruct(String constructId) {
        if (!TextChecks.isName(constructId)) {
            throw new NotFoundException("construct", constructId);
        }
        return constructId;
    }

    /** A null query means the whole timeline. */
    private static TimelineQuery checked(TimelineQuery query) {
        if (query == null) {
            return TimelineQuery.all();
        }
        return new TimelineQuery(Checks.instant("from", query.from()), Checks.instant("before", query.before()),
                Checks.elements("kinds", query.kinds()));
    }

    /** A null query means every construct. */
    private ConstructQuery checked(ConstructQuery query) {
        if (query == null) {
            return ConstructQuery.all();
        }
        return new ConstructQuery(
                TextChecks.names("types", query.types()),
                TextChecks.names("statuses", query.statuses()),
                Checks.instant("createdFrom", query.createdFrom()),
                Checks.instant("createdBefore", query.createdBefore()),
                JsonChecks.optionalObject("metadata", query.metadata(), maxPayloadBytes));
    }
}
