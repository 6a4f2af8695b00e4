package io.opstate.jdbc.internal.artifacts;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.core.StoreOrder;
import io.opstate.core.artifacts.ArtifactRows;
import io.opstate.core.artifacts.BlobKey;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The shared SQL rows of artifacts. A row and its construct's usage sums change in one write;
 * a construct's rows and sums go with it through the foreign keys' {@code ON DELETE CASCADE}.
 * Writes only touch the database: the blob is on disk before {@link #insert} is called, so a
 * group-committed write that runs twice does nothing twice outside the transaction. Thread-safe.
 */
public final class JdbcArtifactRows implements ArtifactRows {
    private static final String SELECT = "SELECT " + ArtifactMapper.COLUMNS + " FROM opstate_artifacts";
    private static final Keyset<Artifact> KEYSET =
            new Keyset<>("created_at", "id", false, Artifact::createdAt, Artifact::id);
    private static final String ADD_USAGE = "INSERT INTO opstate_artifact_usage"
            + " (construct_id, type, artifacts, logical_bytes, stored_bytes)"
            + " VALUES (:constructId, :type, 1, :size, :storedSize)"
            + " ON CONFLICT (construct_id, type) DO UPDATE SET artifacts = opstate_artifact_usage.artifacts + 1,"
            + " logical_bytes = opstate_artifact_usage.logical_bytes + excluded.logical_bytes,"
            + " stored_bytes = opstate_artifact_usage.stored_bytes + excluded.stored_bytes";
    private static final String SUBTRACT_USAGE = "UPDATE opstate_artifact_usage SET artifacts = artifacts - 1,"
            + " logical_bytes = logical_bytes - :size, stored_bytes = stored_bytes - :storedSize"
            + " WHERE construct_id = :constructId AND type = :type";
    private static final String DROP_EMPTY_USAGE = "DELETE FROM opstate_artifact_usage"
            + " WHERE construct_id = :constructId AND type = :type AND artifacts = 0";
    private static final String USAGE = "SELECT type, artifacts, logical_bytes, stored_bytes FROM opstate_artifact_usage";

    private final JdbcContext context;
    private final ArtifactMapper mapper;
    private final String insert;
    private final String importRow;

    public JdbcArtifactRows(JdbcContext context) {
        this.context = context;
        this.mapper = new ArtifactMapper(context.dialect());
        this.insert = insertSql(context, "<now>");
        this.importRow = insertSql(context, ":createdAt");
    }

    private static String insertSql(JdbcContext context, String createdAt) {
        return "INSERT INTO opstate_artifacts (" + ArtifactMapper.COLUMNS + ") VALUES (:id, :constructId,"
                + " :type, :name, :contentType, " + context.json("metadata") + ", :sha256, :size, :storedSize,"
                + " :compression, " + createdAt + ") RETURNING " + ArtifactMapper.COLUMNS;
    }

    @Override
    public boolean constructExists(String constructId) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT COUNT(*) FROM opstate_constructs WHERE id = :id")
                .bind("id", constructId).mapTo(Long.class).one() > 0);
    }

    @Override
    public Artifact insert(Artifact artifact) {
        StoreTime.Stamp now = context.now();
        ErrorContext about = ErrorContext.of("artifact", artifact.id()).referencing("construct", artifact.constructId());
        return context.database().write(about, handle -> {
            Artifact inserted = bindRow(now.bind(handle.createQuery(insert)), artifact).map(mapper).one();
            changeUsage(handle, ADD_USAGE, inserted);
            return inserted;
        });
    }

    /** Checks each row's construct and keys first, so that a refusal never aborts a PostgreSQL transaction. */
    @Override
    public List<Artifact> importAll(List<Artifact> artifacts) {
        return context.database().write(ErrorContext.NONE, handle -> {
            List<Artifact> imported = new ArrayList<>(artifacts.size());
            for (Artifact artifact : artifacts) {
                if (!exists(handle, "SELECT 1 FROM opstate_constructs WHERE id = :id", Map.of("id",
                        artifact.constructId()))) {
                    throw new NotFoundException("construct", artifact.constructId());
                }
                if (exists(handle, "SELECT 1 FROM opstate_artifacts WHERE id = :id", Map.of("id", artifact.id()))) {
                    throw new DuplicateKeyException("artifact", artifact.id());
                }
                if (exists(handle, "SELECT 1 FROM opstate_artifacts WHERE construct_id = :constructId AND type = :type"
                        + " AND name = :name", Map.of("constructId", artifact.constructId(), "type", artifact.type(),
                        "name", artifact.name()))) {
                    throw new DuplicateKeyException("artifact", artifact.constructId() + "/" + artifact.type() + "/"
                            + artifact.name());
                }
                Artifact inserted = bindRow(handle.createQuery(importRow), artifact)
                        .bind("createdAt", artifact.createdAt()).map(mapper).one();
                changeUsage(handle, ADD_USAGE, inserted);
                imported.add(inserted);
            }
            return imported;
        });
    }

    private static Query bindRow(Query query, Artifact artifact) {
        return query.bind("id", artifact.id())
                .bind("constructId", artifact.constructId())
                .bind("type", artifact.type())
                .bind("name", artifact.name())
                .bind("contentType", artifact.contentType())
                .bind("metadata", artifact.metadata())
                .bind("sha256", artifact.sha256())
                .bind("size", artifact.size())
                .bind("storedSize", artifact.storedSize())
                .bind("compression", artifact.compression().name());
    }

    private static boolean exists(Handle handle, String sql, Map<String, String> keys) {
        var query = handle.createQuery(sql);
        keys.forEach(query::bind);
        return query.mapTo(Integer.class).findFirst().isPresent();
    }

    @Override
    public Optional<Artifact> find(String id) {
        return context.database().read(ErrorContext.NONE, handle -> handle.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id).map(mapper).findOne());
    }

    @Override
    public Optional<Artifact> find(String constructId, String type, String name) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery(SELECT + " WHERE construct_id = :constructId AND type = :type AND name = :name")
                .bind("constructId", constructId).bind("type", type).bind("name", name)
                .map(mapper).findOne());
    }

    @Override
    public Page<Artifact> list(String constructId, String type, PageRequest page) {
        Filter filter = new Filter().equalTo("construct_id", constructId);
        if (type != null) {
            filter.equalTo("type", type);
        }
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, filter, page, mapper));
    }

    @Override
    public boolean delete(String id) {
        return context.database().write(ErrorContext.NONE, handle -> {
            Optional<Artifact> deleted = Rows.atMostOne(handle
                    .createQuery("DELETE FROM opstate_artifacts WHERE id = :id RETURNING " + ArtifactMapper.COLUMNS)
                    .bind("id", id).map(mapper).list(), "artifact delete");
            deleted.ifPresent(artifact -> {
                changeUsage(handle, SUBTRACT_USAGE, artifact);
                handle.createUpdate(DROP_EMPTY_USAGE).bind("constructId", artifact.constructId())
                        .bind("type", artifact.type()).execute();
            });
            return deleted.isPresent();
        });
    }

    /**
     * In a write transaction: deletes the artifacts of {@code ids} (those still there) and their
     * share of the usage sums, as {@link #delete} does for one; returns the rows deleted.
     */
    public List<Artifact> deleteRows(Handle handle, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Artifact> deleted = handle.createQuery("DELETE FROM opstate_artifacts WHERE id IN (<ids>) RETURNING "
                + ArtifactMapper.COLUMNS).bindList("ids", List.copyOf(ids)).map(mapper).list();
        for (Artifact artifact : deleted) {
            changeUsage(handle, SUBTRACT_USAGE, artifact);
            handle.createUpdate(DROP_EMPTY_USAGE).bind("constructId", artifact.constructId())
                    .bind("type", artifact.type()).execute();
        }
        return deleted;
    }

    @Override
    public long deleteAllOf(String constructId) {
        return context.database().write(ErrorContext.NONE, handle -> {
            handle.createUpdate("DELETE FROM opstate_artifact_usage WHERE construct_id = :constructId")
                    .bind("constructId", constructId).execute();
            return (long) handle.createUpdate("DELETE FROM opstate_artifacts WHERE construct_id = :constructId")
                    .bind("constructId", constructId).execute();
        });
    }

    @Override
    public Map<String, ArtifactUsage> usageByType(String constructId) {
        return context.database().read(ErrorContext.NONE, handle -> {
            Map<String, ArtifactUsage> byType = new TreeMap<>(StoreOrder::compareCodePoints);
            handle.createQuery(USAGE + " WHERE construct_id = :constructId").bind("constructId", constructId)
                    .map((row, ctx) -> Map.entry(row.getString("type"), new ArtifactUsage(row.getLong("artifacts"),
                            row.getLong("logical_bytes"), row.getLong("stored_bytes"))))
                    .forEach(entry -> byType.put(entry.getKey(), entry.getValue()));
            return Collections.unmodifiableMap(byType);
        });
    }

    @Override
    public ArtifactUsage totals() {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT COALESCE(SUM(artifacts), 0) AS artifacts, COALESCE(SUM(logical_bytes), 0)"
                        + " AS logical_bytes, COALESCE(SUM(stored_bytes), 0) AS stored_bytes FROM opstate_artifact_usage")
                .map((row, ctx) -> new ArtifactUsage(row.getLong("artifacts"), row.getLong("logical_bytes"),
                        row.getLong("stored_bytes")))
                .one());
    }

    @Override
    public boolean references(BlobKey blob) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT id FROM opstate_artifacts WHERE sha256 = :sha256 AND compression = :compression"
                        + " LIMIT 1")
                .bind("sha256", blob.sha256()).bind("compression", blob.compression().name())
                .mapTo(String.class).findOne().isPresent());
    }

    @Override
    public List<Artifact> after(String afterId, int limit) {
        return context.database().read(ErrorContext.NONE, handle -> {
            var query = handle.createQuery(SELECT + (afterId == null ? "" : " WHERE id > :afterId")
                    + " ORDER BY id LIMIT :limit").bind("limit", limit);
            if (afterId != null) {
                query.bind("afterId", afterId);
            }
            return query.map(mapper).list();
        });
    }

    @Override
    public List<Artifact> sample(int limit) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery(SELECT + " ORDER BY random() LIMIT :limit")
                .bind("limit", limit).map(mapper).list());
    }

    private static void changeUsage(Handle handle, String sql, Artifact artifact) {
        handle.createUpdate(sql)
                .bind("constructId", artifact.constructId())
                .bind("type", artifact.type())
                .bind("size", artifact.size())
                .bind("storedSize", artifact.storedSize())
                .execute();
    }
}
