package io.opstate.executions;

import io.opstate.Page;
import io.opstate.PageRequest;
import java.time.Instant;
import java.util.Optional;

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

    /** Deletes executions that started before {@code cutoff} (retention); returns how many. */
    int deleteStartedBefore(Instant cutoff);
}
