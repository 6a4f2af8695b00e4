package io.opstate.jdbc.internal.resources;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.core.Ids;
import io.opstate.core.ResourceKindRules;
import io.opstate.core.StoreOrder;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.resources.NewResource;
import io.opstate.core.FeedWatch;
import io.opstate.core.ResourceFeedWaiter;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceChange;
import java.time.Duration;
import org.jdbi.v3.core.HandleCallback;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.resources.ResourceRepository;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The shared SQL implementation of {@link ResourceRepository}. Each write holds its kind's row
 * with the dialect's shared lock, so narrowing a kind (which takes it exclusively) waits for
 * writes in flight and then sees their values. Saving by name is one upsert on the unique key
 * (kind, owner, name): two saves at once never make two rows. Thread-safe.
 */
public final class JdbcResourceRepository implements ResourceRepository {
    private static final String RETURNING = " RETURNING " + ResourceMapper.COLUMNS;
    private static final String SELECT = "SELECT " + ResourceMapper.COLUMNS + " FROM opstate_resources";
    private static final Keyset<Resource> KEYSET =
            new Keyset<>("created_at", "id", false, Resource::createdAt, Resource::id);

    private final JdbcContext context;
    private final ResourceMapper mapper;
    private final ResourceKinds kinds;
    private final ResourceFeed feed;
    private final ResourceFeedWaiter waiter;
    private final ResourceImport imports;
    /** Set on the thread of a host's transaction that wrote a resource: its followers wake when it ends. */
    private final ThreadLocal<Boolean> wroteInTransaction = new ThreadLocal<>();
    private final String insert;
    private final String upsert;
    private final String update;
    private final String transition;

    /** @param watch how followers learn of other processes' commits; closed by {@link #close} */
    public JdbcResourceRepository(JdbcContext context, FeedWatch watch) {
        this.context = context;
        this.waiter = new ResourceFeedWaiter(watch);
        this.mapper = new ResourceMapper(context.dialect());
        this.kinds = new ResourceKinds(context);
        this.feed = new ResourceFeed(context);
        this.imports = new ResourceImport(context, kinds, feed);
        String values = " (id, kind, name, owner, spec, status, status_detail, labels, created_at, updated_at, version)"
                + " VALUES (:id, :kind, :name, :owner, " + context.json("spec") + ", :status, NULL, "
                + context.json("labels") + ", <now>, <now>, 1)";
        this.insert = "INSERT INTO opstate_resources" + values + RETURNING;
        this.upsert = "INSERT INTO opstate_resources" + values + " ON CONFLICT (kind, owner, name) DO UPDATE SET"
                + " spec = excluded.spec, labels = excluded.labels, updated_at = excluded.updated_at,"
                + " version = opstate_resources.version + 1" + RETURNING;
        this.update = "UPDATE opstate_resources SET spec = COALESCE(" + context.json("spec") + ", spec),"
                + " labels = COALESCE(" + context.json("labels") + ", labels), updated_at = <now>,"
                + " version = version + 1 WHERE id = :id AND version = :expectedVersion" + RETURNING;
        this.transition = "UPDATE opstate_resources SET status = :status, status_detail = "
                + context.json("statusDetail") + ", updated_at = <now>, version = version + 1"
                + " WHERE id = :id AND version = :expectedVersion" + RETURNING;
    }

    @Override
    public ResourceKind declareKind(ResourceKind kind) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("resource kind", kind.name()),
                handle -> kinds.declare(handle, kind, now));
    }

    @Override
    public ResourceKind narrowKind(ResourceKind kind) {
        return context.database().write(ErrorContext.of("resource kind", kind.name()),
                handle -> kinds.narrow(handle, kind));
    }

    @Override
    public Optional<ResourceKind> kind(String name) {
        return context.database().read(ErrorContext.NONE, handle -> kinds.find(handle, name));
    }

    @Override
    public List<ResourceKind> kinds() {
        return context.database().read(ErrorContext.NONE, handle -> kinds.names(handle).stream()
                .map(name -> kinds.find(handle, name).orElseThrow())
                .sorted((a, b) -> StoreOrder.compareCodePoints(a.name(), b.name()))
                .toList());
    }

    @Override
    public Resource create(NewResource resource) {
        return write(resource, insert);
    }

    @Override
    public Resource save(NewResource resource) {
        return write(resource, upsert);
    }

    private Resource write(NewResource resource, String sql) {
        StoreTime.Stamp now = context.now();
        String id = Ids.newId();
        String name = ResourceKindRules.displayName(resource.kind(), resource.owner(), resource.name());
        return written(ErrorContext.of("resource", name), handle -> {
            feed.lock(handle);
            ResourceKind kind = ResourceKindRules.declared(resource.kind(), kinds.lockForWrite(handle, resource.kind()));
            ResourceKindRules.checkLabels(kind, resource.labels());
            Resource written = now.bind(handle.createQuery(sql))
                    .bind("id", id)
                    .bind("kind", resource.kind())
                    .bind("name", resource.name())
                    .bind("owner", resource.owner() == null ? "" : resource.owner())
                    .bind("spec", resource.spec())
                    .bind("status", kind.initialStatus())
                    .bind("labels", LabelsJson.write(resource.labels()))
                    .map(mapper)
                    .one();
            replaceLabels(handle, written, written.version() > 1);
            feed.append(handle, written.version() == 1 ? ResourceChange.Type.CREATED : ResourceChange.Type.UPDATED,
                    written, now);
            return written;
        });
    }

    @Override
    public Resource update(String id, long expectedVersion, String spec, Map<String, String> labels) {
        StoreTime.Stamp now = context.now();
        return written(ErrorContext.of("resource", id), handle -> {
            feed.lock(handle);
            Resource updated = versioned(handle, id, expectedVersion, now.bind(handle.createQuery(update))
                    .bind("spec", spec)
                    .bind("labels", labels == null ? null : LabelsJson.write(labels)));
            ResourceKind kind = kinds.lockForWrite(handle, updated.kind()).orElseThrow();
            if (labels != null) {
                ResourceKindRules.checkLabels(kind, labels);
                replaceLabels(handle, updated, true);
            }
            feed.append(handle, ResourceChange.Type.UPDATED, updated, now);
            return updated;
        });
    }

    @Override
    public Resource transition(String id, long expectedVersion, String status, String statusDetail) {
        StoreTime.Stamp now = context.now();
        return written(ErrorContext.of("resource", id), handle -> {
            feed.lock(handle);
            Resource moved = versioned(handle, id, expectedVersion, now.bind(handle.createQuery(transition))
                    .bind("status", status)
                    .bind("statusDetail", statusDetail));
            ResourceKindRules.checkStatus(kinds.lockForWrite(handle, moved.kind()).orElseThrow(), status);
            feed.append(handle, ResourceChange.Type.UPDATED, moved, now);
            return moved;
        });
    }

    private Resource versioned(Handle handle, String id, long expectedVersion,
                               org.jdbi.v3.core.statement.Query query) {
        return Rows.atMostOne(query.bind("id", id).bind("expectedVersion", expectedVersion).map(mapper).list(),
                        "resource update")
                .orElseThrow(() -> Rows.versionMismatch(exists(handle, id), "resource", id, expectedVersion));
    }

    /** Makes the label index rows those of {@code resource}; {@code existing}: it may have older ones. */
    static void replaceLabels(Handle handle, Resource resource, boolean existing) {
        if (existing) {
            handle.createUpdate("DELETE FROM opstate_resource_labels WHERE resource_id = :id")
                    .bind("id", resource.id()).execute();
        }
        if (resource.labels().isEmpty()) {
            return;
        }
        var batch = handle.prepareBatch("INSERT INTO opstate_resource_labels (resource_id, kind, label, value)"
                + " VALUES (:id, :kind, :label, :value)");
        resource.labels().forEach((label, value) -> batch.bind("id", resource.id()).bind("kind", resource.kind())
                .bind("label", label).bind("value", value).add());
        batch.execute();
    }

    /** {@link io.opstate.imports.RecordImport#importResourceKinds}: one write, all or nothing. */
    public List<ResourceKind> importKinds(List<ResourceKind> batch) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.NONE, handle -> imports.importKinds(handle, batch, now));
    }

    /** {@link io.opstate.imports.RecordImport#importResources}: one write, all or nothing; followers are woken. */
    public List<Resource> importResources(List<Resource> batch) {
        StoreTime.Stamp now = context.now();
        return written(ErrorContext.NONE, handle -> imports.importResources(handle, batch, now));
    }

    /** {@link io.opstate.imports.RecordImport#replaceResources}: one write, all or nothing; followers are woken. */
    public List<Resource> replaceResources(List<Resource> batch) {
        StoreTime.Stamp now = context.now();
        return written(ErrorContext.NONE, handle -> imports.replaceResources(handle, batch, now));
    }

    @Override
    public Optional<Resource> find(String id) {
        return context.database().read(ErrorContext.NONE, handle -> handle.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id).map(mapper).findOne());
    }

    @Override
    public Resource get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("resource", id));
    }

    @Override
    public Optional<Resource> findByName(String kind, String owner, String name) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery(SELECT + " WHERE kind = :kind AND owner = :owner AND name = :name")
                .bind("kind", kind).bind("owner", owner == null ? "" : owner).bind("name", name)
                .map(mapper).findOne());
    }

    @Override
    public boolean delete(String id) {
        StoreTime.Stamp now = context.now();
        return written(ErrorContext.NONE, handle -> {
            feed.lock(handle);
            handle.createUpdate("DELETE FROM opstate_resource_labels WHERE resource_id = :id").bind("id", id).execute();
            Optional<Resource> deleted = handle.createQuery("DELETE FROM opstate_resources WHERE id = :id" + RETURNING)
                    .bind("id", id).map(mapper).findOne();
            deleted.ifPresent(resource -> feed.append(handle, ResourceChange.Type.DELETED, resource, now));
            return deleted.isPresent();
        });
    }

    @Override
    public List<ResourceChange> changesSince(long position, int limit) {
        return context.database().read(ErrorContext.NONE, handle -> feed.since(handle, position, limit));
    }

    @Override
    public List<ResourceChange> awaitChanges(long position, int limit, Duration timeout) {
        return waiter.await(() -> changesSince(position, limit), timeout);
    }

    /**
     * Runs a resource write and wakes this store's followers once it has committed: at once, or
     * inside a host's transaction when that ends ({@link #afterTransaction}). Woken before the
     * commit, a follower would read nothing and sleep on.
     */
    private <T> T written(ErrorContext errors, HandleCallback<T, RuntimeException> work) {
        if (context.database().inTransaction()) {
            wroteInTransaction.set(Boolean.TRUE);
            return context.database().write(errors, work);
        }
        try {
            return context.database().write(errors, work);
        } finally {
            waiter.changed();
        }
    }

    /** Called on the thread of a host's transaction once it has ended: wakes followers if it wrote resources. */
    public void afterTransaction() {
        if (wroteInTransaction.get() != null) {
            wroteInTransaction.remove();
            waiter.changed();
        }
    }

    /** Stops watching for other processes' changes and wakes every follower (whose next read finds the store closed). */
    public void close() {
        waiter.close();
    }

    @Override
    public Page<Resource> list(ResourceQuery query, PageRequest page) {
        Filter filter = filter(query);
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, filter, page, mapper));
    }

    @Override
    public Map<String, Long> countByStatus(ResourceQuery query) {
        Filter filter = filter(query);
        CompiledSql count = context.compile("SELECT status, COUNT(*) AS resources FROM opstate_resources"
                + filter.sql() + " GROUP BY status");
        return context.database().readPlain(ErrorContext.NONE, connection -> {
            Map<String, Long> counts = new TreeMap<>(StoreOrder::compareCodePoints);
            context.jdbc().query(connection, count, filter::bind,
                            (row, ctx) -> Map.entry(row.getString("status"), row.getLong("resources")))
                    .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
            return Collections.unmodifiableMap(counts);
        });
    }

    /** Each label filter is a lookup in the (kind, label, value) index of the label rows. */
    private static Filter filter(ResourceQuery query) {
        Filter filter = new Filter()
                .equalTo("kind", query.kind())
                .in("status", query.statuses())
                .equalTo("owner", query.owner());
        int i = 0;
        for (Map.Entry<String, String> label : query.labels().entrySet()) {
            filter.where("id IN (SELECT resource_id FROM opstate_resource_labels WHERE kind = :labelKind"
                            + " AND label = :label" + i + " AND value = :labelValue" + i + ")",
                    Map.of("labelKind", query.kind(), "label" + i, label.getKey(), "labelValue" + i, label.getValue()));
            i++;
        }
        return filter;
    }

    private static boolean exists(Handle handle, String id) {
        return handle.createQuery("SELECT 1 FROM opstate_resources WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).findOne().isPresent();
    }
}
