package io.opstate.executions;

/**
 * How an execution ended.
 *
 * @param status a terminal status, required
 * @param error failure reason or null
 * @param steps final steps JSON, or null to keep the stored steps
 */
public record ExecutionOutcome(ExecutionStatus status, String error, String steps) {
    public static ExecutionOutcome succeeded() {
        return new ExecutionOutcome(ExecutionStatus.SUCCEEDED, null, null);
    }

    public static ExecutionOutcome failed(String error) {
        return new ExecutionOutcome(ExecutionStatus.FAILED, error, null);
    }

    public static ExecutionOutcome cancelled() {
        return new ExecutionOutcome(ExecutionStatus.CANCELLED, null, null);
    }

    public ExecutionOutcome withSteps(String steps) {
        return new ExecutionOutcome(status, error, steps);
    }
}
