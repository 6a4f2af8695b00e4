package io.opstate.jdbc.internal.constructs;

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
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineEvent;
import io.opstate.constructs.TimelineQuery;
import io.opstate.core.StoreOrder;
import io.opstate.core.search.SearchDocuments;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jdbc.internal.search.SearchDocument;
import io.opstate.jdbc.internal.search.SearchIndex;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.jdbc.internal.sessions.SessionPurges;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;

/**
 * The shared SQL implementation of {@link ConstructRepository}. Edges go with either end through
 * the foreign keys' {@code ON DELETE CASCADE}; the metadata filter is the dialect's
 * ({@link io.opstate.jdbc.SqlDialect#jsonFieldsMatch}). Thread-safe.
 */
public final class JdbcConstructRepository implements ConstructRepository {
    private static final String RETURNING = " RETURNING " + ConstructMapper.COLUMNS;
    private static final String SELECT = "SELECT " + ConstructMapper.COLUMNS + " FROM opstate_constructs";
    private static final String SELECT_LINKS = "SELECT " + ConstructLinkMapper.COLUMNS + " FROM opstate_construct_links";
    private static final Keyset<Construct> KEYSET =
            new Keyset<>("created_at", "id", false, Construct::createdAt, Construct::id);

    private final JdbcContext context;
    private final ConstructMapper mapper;
    private final ConstructLinkMapper linkMapper;
    private final String insert;
    private final String update;
    private final String lockEnds;
    private final String insertLink;
    private final CompiledSql byId;
    private final SessionPurges purges;
    private final ReadCache cache;
    private final ConstructTimeline timeline;
    private final SearchIndex index;

    /**
     * @param purges removes the sessions of a deleted construct, and later their checkpoints and entries
     * @param index indexes each construct's title and metadata in the write that changes them
     * @param cache keeps constructs read by id; told of every update and delete once committed
     */
    public JdbcConstructRepository(JdbcContext context, SessionPurges purges, SearchIndex index, ReadCache cache) {
        this.context = context;
        this.purges = purges;
        this.index = index;
        this.cache = cache;
        this.timeline = new ConstructTimeline(context);
        this.mapper = new ConstructMapper(context.dialect());
        this.linkMapper = new ConstructLinkMapper(context.dialect());
        this.insert = "INSERT INTO opstate_constructs (id, type, status, title, metadata, created_at, updated_at, version)"
                + " VALUES (:id, :type, :status, :title, " + context.json("metadata") + ", <now>, <now>, 1)" + RETURNING;
        // A null change keeps the column: COALESCE, so an update stays one statement guarded by the version.
        this.update = "UPDATE opstate_constructs SET status = COALESCE(:status, status),"
                + " title = CASE WHEN :removeTitle THEN NULL ELSE COALESCE(:title, title) END,"
                + " metadata = CASE WHEN :removeMetadata THEN NULL ELSE COALESCE(" + context.json("metadata")
                + ", metadata) END, updated_at = <now>, version = version + 1"
                + " WHERE id = :id AND version = :expectedVersion" + RETURNING;
        // Both ends, locked in one order (so two links in opposite directions cannot deadlock) where
        // writers run in parallel: neither end can be deleted between this check and the insert.
        this.lockEnds = "SELECT id FROM opstate_constructs WHERE id IN (:fromId, :toId) ORDER BY id "
                + context.dialect().rowLockClause();
        this.insertLink = "INSERT INTO opstate_construct_links (from_id, type, to_id, metadata, created_at)"
                + " VALUES (:fromId, :type, :toId, " + context.json("metadata") + ", <now>)"
                + " ON CONFLICT (from_id, type, to_id) DO NOTHING RETURNING " + ConstructLinkMapper.COLUMNS;
        this.byId = context.compile(SELECT + " WHERE id = :id");
    }

    @Override
    public Construct create(NewConstruct construct) {
        StoreTime.Stamp now = context.now();
        String words = SearchDocuments.construct(construct.title(), construct.metadata());
        return context.database().write(ErrorContext.of("construct", construct.id()), handle -> {
            Construct created = now
                    .bind(handle.createQuery(insert))
                    .bind("id", construct.id())
                    .bind("type", construct.type())
                    .bind("status", construct.status())
                    .bind("title", construct.title())
                    .bind("metadata", construct.metadata())
                    .map(mapper)
                    .one();
            index.insert(PlainConnection.of(handle),
                    List.of(SearchDocument.ofConstruct(created.id(), created.createdAt(), words)));
            return created;
        });
    }

    @Override
    public Optional<Construct> find(String id) {
        return cache.construct(id, () -> context.database().readPlain(ErrorContext.NONE,
                connection -> context.jdbc().queryAtMostOne(connection, byId, params -> params.text("id", id), mapper)));
    }

    @Override
    public Construct get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("construct", id));
    }

    @Override
    public Construct update(String id, long expectedVersion, ConstructChanges changes) {
        StoreTime.Stamp now = context.now();
        boolean textChanges = changes.removeTitle() || changes.title() != null || changes.removeMetadata()
                || changes.metadata() != null;
        try {
            return context.database().write(ErrorContext.of("construct", id), handle -> {
                Construct updated = updated(handle, id, expectedVersion, changes, now);
                if (textChanges) {
                    index.replaceConstruct(PlainConnection.of(handle), SearchDocument.ofConstruct(updated.id(),
                            updated.createdAt(), SearchDocuments.construct(updated.title(), updated.metadata())));
                }
                return updated;
            });
        } finally {
            // Also after a failure: a commit whose outcome is unknown may have changed the row.
            cache.constructChanged(id);
        }
    }

    private Construct updated(Handle handle, String id, long expectedVersion, ConstructChanges changes,
                              StoreTime.Stamp now) {
        return Rows.atMostOne(now
                        .bind(handle.createQuery(update))
                        .bind("id", id)
                        .bind("expectedVersion", expectedVersion)
                        .bind("status", changes.status())
                        .bind("removeTitle", changes.removeTitle())
                        .bind("title", changes.title())
                        .bind("removeMetadata", changes.removeMetadata())
                        .bind("metadata", changes.metadata())
                        .map(mapper)
                        .list(), "construct update")
                .orElseThrow(() -> Rows.versionMismatch(exists(handle, id), "construct", id, expectedVersion));
    }

    @Override
    public boolean delete(String id) {
        StoreTime.Stamp now = context.now();
        // The sessions deleted with the construct, known once the write has run (it may run twice).
        AtomicReference<List<String>> sessions = new AtomicReference<>(List.of());
        boolean deleted;
        try {
            deleted = context.database().write(ErrorContext.NONE, handle -> {
                sessions.set(purges.deleteSessionsOf(handle, id, now));
                index.deleteConstruct(PlainConnection.of(handle), id);
                return handle.createUpdate("DELETE FROM opstate_constructs WHERE id = :id").bind("id", id).execute() > 0;
            });
        } finally {
            // Also after a failure whose commit outcome is unknown; the sessions are those the last run saw.
            cache.constructChanged(id);
            cache.sessionsChanged(sessions.get());
        }
        if (deleted) {
            purges.afterDelete();
        }
        return deleted;
    }

    /**
     * Deletes, in one transaction, the constructs {@code select} picks on its handle (locking
     * their rows first, so that a construct it picks cannot change before it goes), each as
     * {@link #delete} does; returns how many went. Retention's batch of constructs.
     */
    public int deleteSelected(java.util.function.Function<Handle, List<String>> select) {
        StoreTime.Stamp now = context.now();
        AtomicReference<List<String>> constructs = new AtomicReference<>(List.of());
        AtomicReference<List<String>> sessions = new AtomicReference<>(List.of());
        int deleted;
        try {
            deleted = context.database().write(ErrorContext.NONE, handle -> {
                List<String> ids = select.apply(handle);
                constructs.set(ids);
                List<String> gone = new java.util.ArrayList<>();
                int rows = 0;
                for (String id : ids) {
                    gone.addAll(purges.deleteSessionsOf(handle, id, now));
                    index.deleteConstruct(PlainConnection.of(handle), id);
                    rows += handle.createUpdate("DELETE FROM opstate_constructs WHERE id = :id").bind("id", id).execute();
                }
                sessions.set(gone);
                return rows;
            });
        } finally {
            constructs.get().forEach(cache::constructChanged);
            cache.sessionsChanged(sessions.get());
        }
        if (deleted > 0) {
            purges.afterDelete();
        }
        return deleted;
    }

    @Override
    public long purgeDeleted() {
        return purges.purgeAll();
    }

    @Override
    public Page<Construct> list(ConstructQuery query, PageRequest page) {
        Filter filter = filter(query);
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, filter, page, mapper));
    }

    @Override
    public Map<String, Long> countByStatus(ConstructQuery query) {
        Filter filter = filter(query);
        CompiledSql count = context.compile("SELECT status, COUNT(*) AS constructs FROM opstate_constructs"
                + filter.sql() + " GROUP BY status");
        return context.database().readPlain(ErrorContext.NONE, connection -> {
            Map<String, Long> counts = new TreeMap<>(StoreOrder::compareCodePoints);
            context.jdbc().query(connection, count, filter::bind,
                            (row, ctx) -> Map.entry(row.getString("status"), row.getLong("constructs")))
                    .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
            return Collections.unmodifiableMap(counts);
        });
    }

    private Filter filter(ConstructQuery query) {
        Filter filter = new Filter()
                .in("type", query.types())
                .in("status", query.statuses())
                .atLeast("created_at", query.createdFrom())
                .before("created_at", query.createdBefore());
        if (query.metadata() != null) {
            filter.where(context.dialect().jsonFieldsMatch("metadata", "metadataFilter"),
                    Map.of("metadataFilter", query.metadata()));
        }
        return filter;
    }

    @Override
    public ConstructLink link(String fromId, String type, String toId, String metadataJson) {
        StoreTime.Stamp now = context.now();
        String edge = edgeName(fromId, type, toId);
        return context.database().write(ErrorContext.of("construct link", edge), handle -> {
            List<String> present = handle.createQuery(lockEnds).bind("fromId", fromId).bind("toId", toId)
                    .mapTo(String.class).list();
            for (String end : List.of(fromId, toId)) {
                if (!present.contains(end)) {
                    throw new NotFoundException("construct", end);
                }
            }
            return now.bind(handle.createQuery(insertLink))
                    .bind("fromId", fromId)
                    .bind("type", type)
                    .bind("toId", toId)
                    .bind("metadata", metadataJson)
                    .map(linkMapper)
                    .findOne()
                    .orElseThrow(() -> new DuplicateKeyException("construct link", edge));
        });
    }

    @Override
    public boolean unlink(String fromId, String type, String toId) {
        return context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM opstate_construct_links WHERE from_id = :fromId AND type = :type AND to_id = :toId")
                .bind("fromId", fromId)
                .bind("type", type)
                .bind("toId", toId)
                .execute()) > 0;
    }

    @Override
    public List<ConstructLink> outgoing(String id, String type) {
        return edges("from_id", "to_id", id, type);
    }

    @Override
    public List<ConstructLink> incoming(String id, String type) {
        return edges("to_id", "from_id", id, type);
    }

    /** The edges whose {@code endColumn} is {@code id}, ordered by type then {@code otherEndColumn}. */
    private List<ConstructLink> edges(String endColumn, String otherEndColumn, String id, String type) {
        Filter filter = new Filter().equalTo(endColumn, id).equalTo("type", type);
        CompiledSql sql = context.compile(SELECT_LINKS + filter.sql() + " ORDER BY type, " + otherEndColumn);
        return context.database().readPlain(ErrorContext.NONE,
                connection -> context.jdbc().query(connection, sql, filter::bind, linkMapper));
    }

    @Override
    public Page<TimelineEvent> timeline(String constructId, TimelineQuery query, PageRequest page) {
        return timeline.page(constructId, query, page);
    }

    @Override
    public List<TimelineBucket> timelineCounts(String constructId, Instant from, Instant before, Duration bucket) {
        return timeline.counts(constructId, from, before, bucket);
    }

    private static boolean exists(Handle handle, String id) {
        return handle.createQuery("SELECT 1 FROM opstate_constructs WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** How messages name an edge: {@code from -[type]-> to}. */
    static String edgeName(String fromId, String type, String toId) {
        return fromId + " -[" + type + "]-> " + toId;
    }
}
