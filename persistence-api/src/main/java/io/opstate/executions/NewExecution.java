package io.opstate.executions;

/**
 * An execution to start.
 *
 * @param id identifier, or null to generate a time-ordered UUID
 * @param scheduleId existing schedule, or null
 * @param jobId related job, or null (not checked: jobs may be deleted by retention first)
 * @param pipeline required, 1..200 characters
 * @param triggeredBy required, 1..200 characters
 * @param context JSON text or null
 * @param steps JSON text or null
 */
public record NewExecution(String id, String scheduleId, String jobId, String pipeline, String triggeredBy,
                           String context, String steps) {
    /** An ad-hoc execution of {@code pipeline}. */
    public static NewExecution of(String pipeline, String triggeredBy) {
        return new NewExecution(null, null, null, pipeline, triggeredBy, null, null);
    }

    public NewExecution withId(String id) {
        return new NewExecution(id, scheduleId, jobId, pipeline, triggeredBy, context, steps);
    }

    public NewExecution withScheduleId(String scheduleId) {
        return new NewExecution(id, scheduleId, jobId, pipeline, triggeredBy, context, steps);
    }

    public NewExecution withJobId(String jobId) {
        return new NewExecution(id, scheduleId, jobId, pipeline, triggeredBy, context, steps);
    }

    public NewExecution withContext(String context) {
        return new NewExecution(id, scheduleId, jobId, pipeline, triggeredBy, context, steps);
    }

    public NewExecution withSteps(String steps) {
        return new NewExecution(id, scheduleId, jobId, pipeline, triggeredBy, context, steps);
    }
}
