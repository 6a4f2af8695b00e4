package io.opstate.memory.internal;

import io.opstate.ConflictException;
import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.Ids;
import io.opstate.core.ResourceKindRules;
import io.opstate.core.StoreOrder;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceChange;
import io.opstate.core.ResourceFeedWaiter;
import java.time.Duration;
import java.util.function.Function;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.resources.ResourceRepository;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** {@link ResourceRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryResourceRepository implements ResourceRepository {
    private final Session session;

    MemoryResourceRepository(Session session) {
        this.session = session;
    }

    @Override
    public ResourceKind declareKind(ResourceKind kind) {
        return session.write(store -> {
            ResourceKind stored = store.resourceKinds.find(kind.name());
            if (stored == null) {
                return store.resourceKinds.insert(kind);
            }
            return store.resourceKinds.update(ResourceKindRules.widen(stored, kind));
        });
    }

    @Override
    public ResourceKind narrowKind(ResourceKind kind) {
        return session.write(store -> {
            ResourceKind stored = store.resourceKinds.require(kind.name());
            for (Resource resource : store.resources.select(resource -> resource.kind().equals(kind.name()))) {
                if (!kind.statuses().contains(resource.status())) {
                    throw stillUsed(kind, "status " + resource.status(), resource);
                }
                resource.labels().forEach((key, value) -> {
                    Set<String> allowed = kind.labelValues().get(key);
                    if (allowed != null && !allowed.contains(value)) {
                        throw stillUsed(kind, "label " + key + "=" + value, resource);
                    }
                });
            }
            return stored.equals(kind) ? stored : store.resourceKinds.update(kind);
        });
    }

    private static ConflictException stillUsed(ResourceKind kind, String value, Resource resource) {
        return new ConflictException("resource kind", kind.name(), "cannot remove " + value + ": resource "
                + ResourceKindRules.displayName(resource.kind(), resource.owner(), resource.name()) + " uses it");
    }

    @Override
    public Optional<ResourceKind> kind(String name) {
        return session.read(store -> Optional.ofNullable(store.resourceKinds.find(name)));
    }

    @Override
    public List<ResourceKind> kinds() {
        return session.read(store -> store.resourceKinds.select(kind -> true).stream()
                .sorted((a, b) -> StoreOrder.compareCodePoints(a.name(), b.name())).toList());
    }

    @Override
    public Resource create(NewResource resource) {
        return written(store -> {
            ResourceKind kind = kindOf(store, resource);
            if (store.resourceNames.idOf(resource.kind(), resource.owner(), resource.name()) != null) {
                throw new DuplicateKeyException("resource",
                        ResourceKindRules.displayName(resource.kind(), resource.owner(), resource.name()));
            }
            Instant now = session.now();
            return logged(store, ResourceChange.Type.CREATED, store.resources.insert(new Resource(Ids.newId(),
                    resource.kind(), resource.name(), resource.owner(), resource.spec(), kind.initialStatus(), null,
                    resource.labels(), now, now, 1L)));
        });
    }

    @Override
    public Resource save(NewResource resource) {
        return written(store -> {
            String id = store.resourceNames.idOf(resource.kind(), resource.owner(), resource.name());
            if (id == null) {
                return create(resource);
            }
            kindOf(store, resource);
            Resource current = store.resources.require(id);
            return logged(store, ResourceChange.Type.UPDATED, store.resources.update(changed(current,
                    resource.spec(), resource.labels(), current.status(), current.statusDetail())));
        });
    }

    private static ResourceKind kindOf(MemoryStore store, NewResource resource) {
        ResourceKind kind = ResourceKindRules.declared(resource.kind(),
                Optional.ofNullable(store.resourceKinds.find(resource.kind())));
        ResourceKindRules.checkLabels(kind, resource.labels());
        return kind;
    }

    @Override
    public Resource update(String id, long expectedVersion, String spec, Map<String, String> labels) {
        return written(store -> {
            Resource current = store.resources.requireVersion(id, expectedVersion, Resource::version);
            if (labels != null) {
                ResourceKindRules.checkLabels(store.resourceKinds.require(current.kind()), labels);
            }
            return logged(store, ResourceChange.Type.UPDATED, store.resources.update(changed(current,
                    spec == null ? current.spec() : spec, labels == null ? current.labels() : labels,
                    current.status(), current.statusDetail())));
        });
    }

    @Override
    public Resource transition(String id, long expectedVersion, String status, String statusDetail) {
        return written(store -> {
            Resource current = store.resources.requireVersion(id, expectedVersion, Resource::version);
            ResourceKindRules.checkStatus(store.resourceKinds.require(current.kind()), status);
            return logged(store, ResourceChange.Type.UPDATED,
                    store.resources.update(changed(current, current.spec(), current.labels(), status, statusDetail)));
        });
    }

    private Resource changed(Resource current, String spec, Map<String, String> labels, String status,
                             String statusDetail) {
        return new Resource(current.id(), current.kind(), current.name(), current.owner(), spec, status,
                statusDetail, labels, current.createdAt(), session.now(), current.version() + 1);
    }

    @Override
    public Optional<Resource> find(String id) {
        return session.read(store -> Optional.ofNullable(store.resources.find(id)));
    }

    @Override
    public Resource get(String id) {
        return session.read(store -> store.resources.require(id));
    }

    @Override
    public Optional<Resource> findByName(String kind, String owner, String name) {
        return session.read(store -> Optional.ofNullable(store.resourceNames.idOf(kind, owner, name))
                .map(store.resources::find));
    }

    @Override
    public boolean delete(String id) {
        return written(store -> {
            Resource current = store.resources.find(id);
            if (current == null) {
                return false;
            }
            store.resources.delete(id);
            logged(store, ResourceChange.Type.DELETED, current);
            return true;
        });
    }

    @Override
    public List<ResourceChange> changesSince(long position, int limit) {
        return session.read(store -> store.resourceChangeLog.since(position, limit));
    }

    @Override
    public List<ResourceChange> awaitChanges(long position, int limit, Duration timeout) {
        ResourceFeedWaiter waiter = session.read(store -> store.resourceFeedWaiter);
        return waiter.await(() -> changesSince(position, limit), timeout);
    }

    /** Runs a resource write, then wakes the feed's followers. */
    private <T> T written(Function<MemoryStore, T> write) {
        T result = session.write(write);
        session.read(store -> store.resourceFeedWaiter).changed();
        return result;
    }

    /** Appends {@code resource}'s change to the feed in the same write; returns the resource. */
    private Resource logged(MemoryStore store, ResourceChange.Type type, Resource resource) {
        store.resourceChanges.insert(new ResourceChange(store.resourceChangeLog.nextPosition(), type, resource.id(),
                resource.kind(), resource.name(), resource.owner(), resource.version(), session.now()));
        return resource;
    }

    @Override
    public Page<Resource> list(ResourceQuery query, PageRequest page) {
        return session.read(store -> Pager.page(store.resourcesByCreation, matching(query), page));
    }

    @Override
    public Map<String, Long> countByStatus(ResourceQuery query) {
        return session.read(store -> {
            Map<String, Long> counts = new TreeMap<>(StoreOrder::compareCodePoints);
            store.resources.select(matching(query)).forEach(resource -> counts.merge(resource.status(), 1L, Long::sum));
            return Collections.unmodifiableMap(counts);
        });
    }

    private static Predicate<Resource> matching(ResourceQuery query) {
        return resource -> resource.kind().equals(query.kind())
                && (query.statuses().isEmpty() || query.statuses().contains(resource.status()))
                && (query.owner() == null || query.owner().equals(resource.owner()))
                && resource.labels().entrySet().containsAll(query.labels().entrySet());
    }
}
