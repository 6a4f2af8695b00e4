package io.opstate.pipelines;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.util.Optional;

/** Pipeline definitions, keyed by name. Thread-safe; each method is atomic. */
public interface PipelineRepository {
    /**
     * Stores a new pipeline.
     *
     * @param name 1..200 characters
     * @param description free text or null
     * @param configJson required JSON text
     * @throws io.opstate.DuplicateKeyException if the name is taken
     */
    Pipeline create(String name, String description, String configJson);

    /**
     * Replaces description and config of the pipeline at {@code expectedVersion}.
     *
     * @throws io.opstate.StaleVersionException if it changed since that version
     * @throws io.opstate.NotFoundException if there is no such pipeline
     */
    Pipeline update(String name, long expectedVersion, String description, String configJson);

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
