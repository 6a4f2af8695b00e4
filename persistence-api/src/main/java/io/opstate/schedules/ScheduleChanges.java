package io.opstate.schedules;

import java.time.ZoneId;

/**
 * Changes to a schedule; null fields keep their current value. Changing the expression, the
 * zone or the enabled flag recomputes the next run from now.
 */
public record ScheduleChanges(String name, String pipeline, String cronExpression, ZoneId timeZone,
                              Boolean enabled) {
    /** Changes nothing yet. */
    public static ScheduleChanges none() {
        return new ScheduleChanges(null, null, null, null, null);
    }

    public ScheduleChanges withName(String name) {
        return new ScheduleChanges(name, pipeline, cronExpression, timeZone, enabled);
    }

    public ScheduleChanges withPipeline(String pipeline) {
        return new ScheduleChanges(name, pipeline, cronExpression, timeZone, enabled);
    }

    public ScheduleChanges withCronExpression(String cronExpression) {
        return new ScheduleChanges(name, pipeline, cronExpression, timeZone, enabled);
    }

    public ScheduleChanges withTimeZone(ZoneId timeZone) {
        return new ScheduleChanges(name, pipeline, cronExpression, timeZone, enabled);
    }

    public ScheduleChanges withEnabled(boolean enabled) {
        return new ScheduleChanges(name, pipeline, cronExpression, timeZone, enabled);
    }
}
