package io.opstate.examples.mimir;

import java.time.Duration;
import java.time.Instant;

/**
 * A row of Mimir's {@code job_executions}: one run of a scheduled job's pipeline. Immutable.
 *
 * @param jobId the scheduled job it ran for; the run is deleted with its job
 * @param endTime null while running
 * @param duration null while running; computed by the store from the two times
 * @param status Mimir's word: {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param context the pipeline's plugin context as JSON, or null
 * @param steps the step records as JSON, or null
 * @param triggeredBy {@code scheduler}, or the user who started it by hand
 */
public record JobExecutionRecord(String id, String jobId, String pipeline, Instant startTime, Instant endTime,
                                 Duration duration, String status, String error, String context, String steps,
                                 String triggeredBy) {
    /** A run that starts now (the store stamps the time). */
    public static JobExecutionRecord started(String id, String jobId, String pipeline, String triggeredBy) {
        return new JobExecutionRecord(id, jobId, pipeline, null, null, null, MimirStatuses.RUNNING, null, null, null,
                triggeredBy);
    }

    public JobExecutionRecord withSteps(String steps) {
        return new JobExecutionRecord(id, jobId, pipeline, startTime, endTime, duration, status, error, context, steps,
                triggeredBy);
    }

    /** This run ended with {@code status} (and {@code error}), having produced {@code context}. */
    public JobExecutionRecord ended(String status, String error, String context) {
        return new JobExecutionRecord(id, jobId, pipeline, startTime, endTime, duration, status, error, context, steps,
                triggeredBy);
    }
}
