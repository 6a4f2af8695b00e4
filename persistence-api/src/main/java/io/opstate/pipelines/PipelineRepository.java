package io.opstate.pipelines;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.util.Optional;
import java.util.stream.Stream;

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

    /**
     * Applies {@code changes} to the pipeline whatever its version, as {@link #update(String,
     * long, PipelineChanges)} does otherwise: for a host that saves on every change and does not
     * care what changed in between. One atomic statement, so concurrent updates are applied one
     * after the other and none is lost (each field the last one set wins).
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code changes}
     *     when null) for bad input
     * @throws io.opstate.NotFoundException if there is no such pipeline
     */
    Pipeline update(String name, PipelineChanges changes);

    /**
     * Creates or replaces the pipeline named {@code pipeline.name()}, in one atomic step (an
     * upsert), without reading its version first. A new pipeline is stored as {@link #create}
     * stores it, at version 1. An existing one gets the given definition whole: description
     * (null removes it) and config; its version gains 1, {@code updatedAt} becomes now and
     * {@code createdAt} is kept. Two hosts saving the same name at once both succeed, one after
     * the other; the later definition stays.
     *
     * @throws io.opstate.InvalidInputException naming the record component (or {@code pipeline}
     *     when null) for bad input
     */
    Pipeline save(NewPipeline pipeline);

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

    /**
     * Every pipeline, in {@code order} of {@code createdAt} then name, as {@link #list} returns
     * them, read lazily page by page ({@value PageRequest#MAX_LIMIT} pipelines a page, the next
     * page only once the previous one is consumed). The guarantees of
     * {@link io.opstate.jobs.JobRepository#stream} hold: memory bounded by about one page; no
     * connection, transaction or lock held between pages; not a snapshot (pipelines created,
     * changed or deleted meanwhile may or may not appear, every pipeline present the whole time
     * appears exactly once); a null order means newest first; read errors thrown by the
     * terminal operation. Closing releases nothing; try-with-resources is still good practice.
     */
    default Stream<Pipeline> stream(SortOrder order) {
        return PageWalker.stream(this::list, order);
    }

    /** Deletes the pipeline; returns whether it existed. Schedules and executions naming it are kept. */
    boolean delete(String name);
}
