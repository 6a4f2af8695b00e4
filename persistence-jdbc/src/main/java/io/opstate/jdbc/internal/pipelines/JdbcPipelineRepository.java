package io.opstate.jdbc.internal.pipelines;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.pipelines.PipelineRepository;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The shared SQL implementation of {@link PipelineRepository}; keyed by name. Thread-safe. */
public final class JdbcPipelineRepository implements PipelineRepository {
    private static final String RETURNING = " RETURNING " + PipelineMapper.COLUMNS;
    private static final String SELECT = "SELECT " + PipelineMapper.COLUMNS + " FROM opstate_pipelines";
    private static final Keyset<Pipeline> KEYSET =
            new Keyset<>("created_at", "name", false, Pipeline::createdAt, Pipeline::name);

    private final JdbcContext context;
    private final PipelineMapper mapper;
    private final String insert;
    private final String upsert;
    private final String update;
    private final String updateAnyVersion;

    public JdbcPipelineRepository(JdbcContext context) {
        this.context = context;
        this.mapper = new PipelineMapper(context.dialect());
        this.insert = "INSERT INTO opstate_pipelines (name, description, config, created_at, updated_at, version)"
                + " VALUES (:name, :description, " + context.json("config") + ", <now>, <now>, 1)" + RETURNING;
        // One statement on both dialects: a concurrent save of the same name waits for the row
        // and then updates it, rather than failing on the key or losing one of the two.
        this.upsert = "INSERT INTO opstate_pipelines (name, description, config, created_at, updated_at, version)"
                + " VALUES (:name, :description, " + context.json("config") + ", <now>, <now>, 1)"
                + " ON CONFLICT (name) DO UPDATE SET description = excluded.description, config = excluded.config,"
                + " updated_at = excluded.updated_at, version = opstate_pipelines.version + 1" + RETURNING;
        // A null change keeps the column: COALESCE, so an update stays one statement, guarded by
        // the version or not.
        String change = "UPDATE opstate_pipelines SET description = CASE WHEN :removeDescription THEN NULL"
                + " ELSE COALESCE(:description, description) END, config = COALESCE(" + context.json("config")
                + ", config), updated_at = <now>, version = version + 1 WHERE name = :name";
        this.update = change + " AND version = :expectedVersion" + RETURNING;
        this.updateAnyVersion = change + RETURNING;
    }

    @Override
    public Pipeline create(NewPipeline pipeline) {
        return define(insert, pipeline);
    }

    @Override
    public Pipeline save(NewPipeline pipeline) {
        return define(upsert, pipeline);
    }

    /** Runs the insert or the upsert of {@code pipeline}. */
    private Pipeline define(String statement, NewPipeline pipeline) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("pipeline", pipeline.name()), handle -> now
                .bind(handle.createQuery(statement))
                .bind("name", pipeline.name())
                .bind("description", pipeline.description())
                .bind("config", pipeline.config())
                .map(mapper)
                .one());
    }

    @Override
    public Pipeline update(String name, long expectedVersion, PipelineChanges changes) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("pipeline", name), handle -> Rows.atMostOne(
                        bindChanges(now.bind(handle.createQuery(update)), name, changes)
                                .bind("expectedVersion", expectedVersion)
                                .map(mapper)
                                .list(), "pipeline update")
                .orElseThrow(() -> Rows.versionMismatch(find(handle, name).isPresent(), "pipeline", name,
                        expectedVersion)));
    }

    @Override
    public Pipeline update(String name, PipelineChanges changes) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("pipeline", name), handle -> Rows.atMostOne(
                        bindChanges(now.bind(handle.createQuery(updateAnyVersion)), name, changes)
                                .map(mapper)
                                .list(), "pipeline update")
                .orElseThrow(() -> new NotFoundException("pipeline", name)));
    }

    private static Query bindChanges(Query query, String name, PipelineChanges changes) {
        return query.bind("name", name)
                .bind("removeDescription", changes.removeDescription())
                .bind("description", changes.description())
                .bind("config", changes.config());
    }

    @Override
    public Optional<Pipeline> find(String name) {
        return context.database().read(ErrorContext.NONE, handle -> find(handle, name));
    }

    @Override
    public Pipeline get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("pipeline", name));
    }

    @Override
    public Page<Pipeline> list(PageRequest page) {
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, new Filter(), page, mapper));
    }

    @Override
    public boolean delete(String name) {
        return context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM opstate_pipelines WHERE name = :name").bind("name", name).execute()) > 0;
    }

    private Optional<Pipeline> find(Handle handle, String name) {
        return handle.createQuery(SELECT + " WHERE name = :name").bind("name", name).map(mapper).findOne();
    }
}
