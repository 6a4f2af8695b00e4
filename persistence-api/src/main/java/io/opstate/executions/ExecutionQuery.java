package io.opstate.executions;

import java.time.Instant;

/**
 * Which executions to list; null means no restriction.
 *
 * @param scheduleId only this schedule's
 * @param pipeline only this pipeline's
 * @param status only this status
 * @param startedFrom inclusive lower bound of {@code startedAt}
 * @param startedBefore exclusive upper bound of {@code startedAt}
 */
public record ExecutionQuery(String scheduleId, String pipeline, ExecutionStatus status, Instant startedFrom,
                             Instant startedBefore) {
    public static ExecutionQuery all() {
        return new ExecutionQuery(null, null, null, null, null);
    }

    public static ExecutionQuery bySchedule(String scheduleId) {
        return all().withScheduleId(scheduleId);
    }

    public static ExecutionQuery byPipeline(String pipeline) {
        return all().withPipeline(pipeline);
    }

    public ExecutionQuery withScheduleId(String scheduleId) {
        return new ExecutionQuery(scheduleId, pipeline, status, startedFrom, startedBefore);
    }

    public ExecutionQuery withPipeline(String pipeline) {
        return new ExecutionQuery(scheduleId, pipeline, status, startedFrom, startedBefore);
    }

    public ExecutionQuery withStatus(ExecutionStatus status) {
        return new ExecutionQuery(scheduleId, pipeline, status, startedFrom, startedBefore);
    }

    public ExecutionQuery startedBetween(Instant from, Instant before) {
        return new ExecutionQuery(scheduleId, pipeline, status, from, before);
    }
}
