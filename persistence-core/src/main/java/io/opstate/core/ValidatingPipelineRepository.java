package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.pipelines.PipelineRepository;
import java.util.Optional;
import java.util.stream.Stream;

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
        return backend.create(checked(pipeline));
    }

    @Override
    public Pipeline save(NewPipeline pipeline) {
        return backend.save(checked(pipeline));
    }

    @Override
    public Pipeline update(String name, long expectedVersion, PipelineChanges changes) {
        TextChecks.name("name", name);
        return backend.update(name, expectedVersion, checked(changes));
    }

    @Override
    public Pipeline update(String name, PipelineChanges changes) {
        TextChecks.name("name", name);
        return backend.update(name, checked(changes));
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
    public Stream<Pipeline> stream(SortOrder order) {
        return backend.stream(Checks.order(order));
    }

    @Override
    public boolean delete(String name) {
        return backend.delete(TextChecks.name("name", name));
    }

    private NewPipeline checked(NewPipeline pipeline) {
        Checks.required("pipeline", pipeline);
        TextChecks.name("name", pipeline.name());
        TextChecks.text("description", pipeline.description());
        JsonChecks.required("config", pipeline.config(), maxPayloadBytes);
        return pipeline;
    }

    private PipelineChanges checked(PipelineChanges changes) {
        Checks.required("changes", changes);
        TextChecks.text("description", changes.description());
        if (changes.removeDescription() && changes.description() != null) {
            throw new InvalidInputException("description", "cannot be both replaced and removed in one change");
        }
        JsonChecks.optional("config", changes.config(), maxPayloadBytes);
        return changes;
    }
}
