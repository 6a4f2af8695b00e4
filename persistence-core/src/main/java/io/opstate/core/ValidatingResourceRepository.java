package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.resources.ResourceRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks the shape of every {@link ResourceRepository} argument, then delegates; whether a
 * resource fits its stored kind the backend checks in its write ({@link ResourceKindRules}).
 */
final class ValidatingResourceRepository implements ResourceRepository {
    private final ResourceRepository backend;
    private final int maxPayloadBytes;

    ValidatingResourceRepository(ResourceRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public ResourceKind declareKind(ResourceKind kind) {
        return backend.declareKind(checked(kind));
    }

    @Override
    public ResourceKind narrowKind(ResourceKind kind) {
        return backend.narrowKind(checked(kind));
    }

    static ResourceKind checked(ResourceKind kind) {
        Checks.required("kind", kind);
        TextChecks.name("name", kind.name());
        TextChecks.name("initialStatus", kind.initialStatus());
        Checks.required("statuses", kind.statuses());
        Set<String> statuses = TextChecks.names("statuses", kind.statuses());
        if (!statuses.contains(kind.initialStatus())) {
            throw new InvalidInputException("initialStatus", "must be one of the statuses " + kind.statuses());
        }
        Checks.required("labelValues", kind.labelValues());
        if (kind.labelValues().size() > MAX_LABELS) {
            throw new InvalidInputException("labelValues", "must restrict at most " + MAX_LABELS + " labels");
        }
        kind.labelValues().forEach((key, values) -> {
            TextChecks.name("labelValues", key);
            Checks.required("labelValues." + key, values);
            if (values.isEmpty()) {
                throw new InvalidInputException("labelValues." + key, "must allow at least one value");
            }
            TextChecks.names("labelValues." + key, values);
        });
        return kind;
    }

    @Override
    public Optional<ResourceKind> kind(String name) {
        return backend.kind(TextChecks.name("name", name));
    }

    @Override
    public List<ResourceKind> kinds() {
        return backend.kinds();
    }

    @Override
    public Resource create(NewResource resource) {
        return backend.create(checked(resource));
    }

    @Override
    public Resource save(NewResource resource) {
        return backend.save(checked(resource));
    }

    private NewResource checked(NewResource resource) {
        Checks.required("resource", resource);
        TextChecks.name("kind", resource.kind());
        TextChecks.name("name", resource.name());
        TextChecks.optionalName("owner", resource.owner());
        JsonChecks.optionalObject("spec", resource.spec(), maxPayloadBytes);
        labels(resource.labels());
        return resource;
    }

    static Map<String, String> labels(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        if (labels.size() > MAX_LABELS) {
            throw new InvalidInputException("labels", "must hold at most " + MAX_LABELS + " labels, got "
                    + labels.size());
        }
        labels.forEach((key, value) -> {
            TextChecks.name("labels", key);
            TextChecks.name("labels." + key, value);
        });
        return labels;
    }

    @Override
    public Resource update(String id, long expectedVersion, String spec, Map<String, String> labels) {
        TextChecks.name("id", id);
        JsonChecks.optionalObject("spec", spec, maxPayloadBytes);
        labels(labels);
        return backend.update(id, expectedVersion, spec, labels == null ? null : new java.util.TreeMap<>(labels));
    }

    @Override
    public Resource transition(String id, long expectedVersion, String status, String statusDetail) {
        TextChecks.name("id", id);
        TextChecks.name("status", status);
        JsonChecks.optionalObject("statusDetail", statusDetail, maxPayloadBytes);
        return backend.transition(id, expectedVersion, status, statusDetail);
    }

    @Override
    public Optional<Resource> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Resource get(String id) {
        return KeyReads.get("id", "resource", id, backend::get);
    }

    @Override
    public Optional<Resource> findByName(String kind, String owner, String name) {
        return backend.findByName(TextChecks.name("kind", kind), TextChecks.optionalName("owner", owner),
                TextChecks.name("name", name));
    }

    @Override
    public boolean delete(String id) {
        return backend.delete(TextChecks.name("id", id));
    }

    @Override
    public Page<Resource> list(ResourceQuery query, PageRequest page) {
        return backend.list(checked(query), Checks.page(page, false));
    }

    @Override
    public Stream<Resource> stream(ResourceQuery query, SortOrder order) {
        return backend.stream(checked(query), Checks.order(order));
    }

    @Override
    public Map<String, Long> countByStatus(ResourceQuery query) {
        return backend.countByStatus(checked(query));
    }

    @Override
    public List<io.opstate.resources.ResourceChange> changesSince(long position, int limit) {
        return backend.changesSince(position(position), Checks.limit(limit));
    }

    @Override
    public List<io.opstate.resources.ResourceChange> awaitChanges(long position, int limit, java.time.Duration timeout) {
        Checks.required("timeout", timeout);
        if (timeout.isNegative() || timeout.compareTo(MAX_FEED_WAIT) > 0) {
            throw new InvalidInputException("timeout", "must be between 0 and " + MAX_FEED_WAIT + ", got " + timeout);
        }
        return backend.awaitChanges(position(position), Checks.limit(limit), timeout);
    }

    private static long position(long position) {
        if (position < 0) {
            throw new InvalidInputException("position", "must not be negative, got " + position);
        }
        return position;
    }

    private static ResourceQuery checked(ResourceQuery query) {
        Checks.required("query", query);
        TextChecks.name("kind", query.kind());
        TextChecks.names("statuses", query.statuses());
        labels(query.labels());
        TextChecks.optionalName("owner", query.owner());
        return query;
    }
}
