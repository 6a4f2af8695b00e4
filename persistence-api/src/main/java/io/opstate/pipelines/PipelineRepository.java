package io.opstate.pipelines;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.util.Optional;

/** Pipeline definitions, keyed by name. Thread-safe; each method is atomic. */
public interface PipelineRepository {
    /**
     * Stores a new pipeline at version 1, stamped now.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code pipeline}
     *     when null) for bad input
     * @throws io.opstate.DuplicateKeyException if the name is taken
     */
    Pipeline create(NewPipeline pipeline);

    /**
     * Applies {@code changes} to the pipeline at {@code expectedVersion}: what they carry
     * replaces the current value, null keeps it. The version gains 1 and {@code updatedAt}
     * becomes now, even when nothing else changes.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code changes}
     *     when null) for bad input
     * @throws io.opstate.StaleVersionException if it changed since that version
     * @throws io.opstate.NotFoundException if there is no such pipeline
     */
    Pipeline update(String name, long expectedVersion, PipelineChanges changes);

    /** The pipeline, or empty. */
    Optional<Pipeline> find(String name);

    /**
     * The pipeline.
     *
     * @throws io.opstate.NotFoundException if there is none with this name
     */
    Pipeline get(String name);

    /** One page of pipelines, ordered by {@code createdAt} then name. */
    Page<Pipeline> list(PageRequest page);

    /** Deletes the pipeline; returns whether it existed. Schedules and executions naming it are kept. */
    boolean delete(String name);
}
