package io.opstate.core;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.pipelines.PipelineRepository;
import java.util.Optional;

/** Checks the arguments of every {@link PipelineRepository} call, then delegates. */
final class ValidatingPipelineRepository implements PipelineRepository {
    private final PipelineRepository backend;
    private final int maxPayloadBytes;

    ValidatingPipelineRepository(PipelineRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Pipeline create(NewPipeline pipeline) {
        Checks.required("pipeline", pipeline);
        TextChecks.name("name", pipeline.name());
        TextChecks.text("description", pipeline.description());
        JsonChecks.required("config", pipeline.config(), maxPayloadBytes);
        return backend.create(pipeline);
    }

    @Override
    public Pipeline update(String name, long expectedVersion, PipelineChanges changes) {
        TextChecks.name("name", name);
        Checks.required("changes", changes);
        TextChecks.text("description", changes.description());
        JsonChecks.optional("config", changes.config(), maxPayloadBytes);
        return backend.update(name, expectedVersion, changes);
    }

    @Override
    public Optional<Pipeline> find(String name) {
        return KeyReads.find("name", name, backend::find);
    }

    @Override
    public Pipeline get(String name) {
        return KeyReads.get("name", "pipeline", name, backend::get);
    }

    @Override
    public Page<Pipeline> list(PageRequest page) {
        return backend.list(Checks.page(page, false));
    }

    @Override
    public boolean delete(String name) {
        return backend.delete(TextChecks.name("name", name));
    }
}
