package io.opstate.executions;

import java.time.Instant;

/**
 * One run of a pipeline, from start to finish.
 *
 * @param id unique identifier
 * @param scheduleId the schedule that triggered it, or null for an ad-hoc run
 * @param jobId the job it ran as, or null
 * @param pipeline name of the pipeline
 * @param status current state
 * @param startedAt when it started
 * @param endedAt when it finished, or null while running
 * @param durationMillis {@code endedAt - startedAt} in milliseconds, or null while running
 * @param error failure reason, or null
 * @param context JSON text describing the run's inputs, or null
 * @param steps JSON text describing the steps and their outcomes, or null
 * @param triggeredBy who or what started it, e.g. {@code "scheduler"} or a user name
 * @param version increases with every change
 */
public record Execution(String id, String scheduleId, String jobId, String pipeline, ExecutionStatus status,
                        Instant startedAt, Instant endedAt, Long durationMillis, String error, String context,
                        String steps, String triggeredBy, long version) {
}
