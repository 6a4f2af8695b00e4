package io.opstate.schedules;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A schedule to create. Validated (including the cron expression) when submitted.
 *
 * @param id identifier, or null to generate a time-ordered UUID
 * @param name required, 1..200 characters
 * @param pipeline required, 1..200 characters
 * @param cronExpression required five-field Unix cron, e.g. {@code "0 2 * * *"}, or a nickname
 *     ({@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
 *     {@code @midnight}, {@code @hourly}; stored as given): at most 256
 *     characters of printable ASCII; surrounding spaces, tabs and line breaks are removed
 * @param timeZone zone to read the expression in, with an id of at most 64 characters; UTC by default
 * @param enabled whether it fires; true by default
 */
public record NewSchedule(String id, String name, String pipeline, String cronExpression, ZoneId timeZone,
                          boolean enabled) {
    /** An enabled schedule in UTC with a generated id. */
    public static NewSchedule of(String name, String pipeline, String cronExpression) {
        return new NewSchedule(null, name, pipeline, cronExpression, ZoneOffset.UTC, true);
    }

    public NewSchedule withId(String id) {
        return new NewSchedule(id, name, pipeline, cronExpression, timeZone, enabled);
    }

    public NewSchedule withTimeZone(ZoneId timeZone) {
        return new NewSchedule(id, name, pipeline, cronExpression, timeZone, enabled);
    }

    public NewSchedule withEnabled(boolean enabled) {
        return new NewSchedule(id, name, pipeline, cronExpression, timeZone, enabled);
    }
}
