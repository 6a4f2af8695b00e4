package io.opstate.schedules;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A pipeline run on a cron schedule.
 *
 * @param id unique identifier
 * @param name display name
 * @param pipeline name of the pipeline it runs
 * @param cronExpression five-field Unix cron (minute hour day-of-month month day-of-week), or a
 *     nickname such as {@code @daily}, as it was saved
 * @param timeZone zone the cron expression is read in
 * @param enabled whether it fires
 * @param nextRunAt when it is next due; null while disabled or when the expression never fires again.
 *     Wall-clock times skipped by a daylight-saving change run once at the change; times repeated
 *     by one run once, at their first occurrence
 * @param lastRunAt when it last fired, or null
 * @param lastResult outcome text recorded with the last run, or null
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param version increases with every change
 */
public record Schedule(String id, String name, String pipeline, String cronExpression, ZoneId timeZone,
                       boolean enabled, Instant nextRunAt, Instant lastRunAt, String lastResult,
                       Instant createdAt, Instant updatedAt, long version) {
}
