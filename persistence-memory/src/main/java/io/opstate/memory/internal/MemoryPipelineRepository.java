package io.opstate.memory.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.pipelines.PipelineRepository;
import java.time.Instant;
import java.util.Optional;

/** {@link PipelineRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryPipelineRepository implements PipelineRepository {
    private final Session session;

    MemoryPipelineRepository(Session session) {
        this.session = session;
    }

    @Override
    public Pipeline create(NewPipeline pipeline) {
        return session.write(store -> {
            Instant now = session.now();
            return store.pipelines.insert(new Pipeline(pipeline.name(), pipeline.description(), pipeline.config(),
                    now, now, 1L));
        });
    }

    @Override
    public Pipeline save(NewPipeline pipeline) {
        return session.write(store -> {
            Pipeline current = store.pipelines.find(pipeline.name());
            if (current == null) {
                return create(pipeline);
            }
            return store.pipelines.update(new Pipeline(pipeline.name(), pipeline.description(), pipeline.config(),
                    current.createdAt(), session.now(), current.version() + 1));
        });
    }

    @Override
    public Pipeline update(String name, long expectedVersion, PipelineChanges changes) {
        return session.write(store -> changed(store.pipelines.requireVersion(name, expectedVersion, Pipeline::version),
                changes, store));
    }

    @Override
    public Pipeline update(String name, PipelineChanges changes) {
        return session.write(store -> changed(store.pipelines.require(name), changes, store));
    }

    private Pipeline changed(Pipeline current, PipelineChanges changes, MemoryStore store) {
        String description = changes.removeDescription() ? null
                : Changes.orCurrent(changes.description(), current.description());
        return store.pipelines.update(new Pipeline(current.name(), description,
                Changes.orCurrent(changes.config(), current.config()),
                current.createdAt(), session.now(), current.version() + 1));
    }

    @Override
    public Optional<Pipeline> find(String name) {
        return session.read(store -> Optional.ofNullable(store.pipelines.find(name)));
    }

    @Override
    public Pipeline get(String name) {
        return session.read(store -> store.pipelines.require(name));
    }

    @Override
    public Page<Pipeline> list(PageRequest page) {
        return session.read(store -> Pager.page(store.pipelinesByCreation, pipeline -> true, page));
    }

    @Override
    public boolean delete(String name) {
        return session.write(store -> store.pipelines.delete(name));
    }
}
