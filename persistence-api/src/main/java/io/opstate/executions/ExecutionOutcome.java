package io.opstate.executions;

/**
 * How an execution ended.
 *
 * @param status a terminal status, required
 * @param error failure reason or null
 * @param steps final steps JSON, or null to keep the stored steps
 * @param context final context JSON (what the run produced, known only at its end), or null to
 *     keep the stored context
 */
public record ExecutionOutcome(ExecutionStatus status, String error, String steps, String context) {
    /** An outcome that keeps the stored context. */
    public ExecutionOutcome(ExecutionStatus status, String error, String steps) {
        this(status, error, steps, null);
    }

    public static ExecutionOutcome succeeded() {
        return new ExecutionOutcome(ExecutionStatus.SUCCEEDED, null, null, null);
    }

    public static ExecutionOutcome failed(String error) {
        return new ExecutionOutcome(ExecutionStatus.FAILED, error, null, null);
    }

    public static ExecutionOutcome cancelled() {
        return new ExecutionOutcome(ExecutionStatus.CANCELLED, null, null, null);
    }

    public ExecutionOutcome withSteps(String steps) {
        return new ExecutionOutcome(status, error, steps, context);
    }

    /** This outcome replacing the stored context with {@code context} (JSON), e.g. a pipeline's final plugin context. */
    public ExecutionOutcome withContext(String context) {
        return new ExecutionOutcome(status, error, steps, context);
    }
}
