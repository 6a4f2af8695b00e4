package io.opstate.examples.mimir;

import java.time.Instant;

/**
 * A row of Mimir's {@code scheduled_jobs}: a pipeline run on a cron expression. Immutable.
 *
 * @param cronExpr five-field Unix cron, read in UTC (Mimir's container runs in UTC)
 * @param nextRun when it runs next; computed by the store from the expression, never written by Mimir
 * @param lastRun when it last ran, or null
 * @param lastResult the last run's result as JSON ({@code PipelineExecutionResult}), or null
 * @param createdAt null for a job never saved (the store stamps it)
 */
public record ScheduledJob(String id, String name, String pipeline, String cronExpr, boolean enabled,
                           Instant nextRun, Instant lastRun, String lastResult, Instant createdAt,
                           Instant updatedAt) {
    /** A new, enabled job that has never run. */
    public static ScheduledJob of(String id, String name, String pipeline, String cronExpr) {
        return new ScheduledJob(id, name, pipeline, cronExpr, true, null, null, null, null, null);
    }

    public ScheduledJob withEnabled(boolean enabled) {
        return new ScheduledJob(id, name, pipeline, cronExpr, enabled, nextRun, lastRun, lastResult, createdAt, updatedAt);
    }

    /** This job after a run at {@code ranAt} that ended with {@code result}, as the scheduler updates it. */
    public ScheduledJob withLastRun(Instant ranAt, String result) {
        return new ScheduledJob(id, name, pipeline, cronExpr, enabled, nextRun, ranAt, result, createdAt, updatedAt);
    }
}
