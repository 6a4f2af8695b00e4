package io.opstate.memory.internal;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.pipelines.Pipeline;
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
    public Pipeline create(String name, String description, String configJson) {
        return session.write(store -> {
            Instant now = session.now();
            return store.pipelines.insert(new Pipeline(name, description, configJson, now, now, 1L));
        });
    }

    @Override
    public Pipeline update(String name, long expectedVersion, String description, String configJson) {
        return session.write(store -> {
            Pipeline pipeline = store.pipelines.requireVersion(name, expectedVersion, Pipeline::version);
            return store.pipelines.update(new Pipeline(name, description, configJson, pipeline.createdAt(),
                    session.now(), pipeline.version() + 1));
        });
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
