package io.opstate.executions;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** Execution history of pipelines. Thread-safe; each method is atomic. */
public interface ExecutionRepository {
    /**
     * Records the start of an execution, {@link ExecutionStatus#RUNNING}, started now.
     *
     * @throws io.opstate.NotFoundException if {@code scheduleId} names no schedule
     * @throws io.opstate.DuplicateKeyException if the id is taken
     */
    Execution start(NewExecution execution);

    /**
     * Replaces the steps JSON of a running execution.
     *
     * @throws io.opstate.IllegalTransitionException if it already finished
     * @throws io.opstate.NotFoundException if there is no such execution
     */
    Execution updateSteps(String id, String stepsJson);

    /**
     * Finishes a running execution now, computing its duration.
     *
     * @throws io.opstate.IllegalTransitionException if it already finished
     * @throws io.opstate.InvalidInputException naming {@code status} if the outcome is {@code RUNNING}
     * @throws io.opstate.NotFoundException if there is no such execution
     */
    Execution finish(String id, ExecutionOutcome outcome);

    /** The execution, or empty. */
    Optional<Execution> find(String id);

    /**
     * The execution.
     *
     * @throws io.opstate.NotFoundException if there is none with this id
     */
    Execution get(String id);

    /** One page of executions matching {@code query}, ordered by {@code startedAt} then id. */
    Page<Execution> list(ExecutionQuery query, PageRequest page);

    /**
     * Every execution matching {@code query}, in {@code order} of {@code startedAt} then id, as
     * {@link #list} returns them, read lazily page by page ({@value PageRequest#MAX_LIMIT}
     * executions a page, the next page only once the previous one is consumed). The guarantees
     * of {@link io.opstate.jobs.JobRepository#stream} hold: memory bounded by about one page; no
     * connection, transaction or lock held between pages; not a snapshot (executions started,
     * finished or deleted meanwhile may or may not appear, every execution present and matching
     * the whole time appears exactly once); input checked like {@link #list}'s at this call
     * (null query: every execution; null order: newest first); read errors thrown by the
     * terminal operation. Closing releases nothing; try-with-resources is still good practice.
     */
    default Stream<Execution> stream(ExecutionQuery query, SortOrder order) {
        return PageWalker.stream(page -> list(query, page), order);
    }

    /** Deletes executions that started before {@code cutoff} (retention); returns how many. */
    int deleteStartedBefore(Instant cutoff);
}
