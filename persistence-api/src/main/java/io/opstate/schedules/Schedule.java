package io.opstate.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    /**
     * A builder of a schedule as it was, for {@link io.opstate.imports.RecordImport#importSchedules}:
     * enabled, in UTC, never run, version 1. Set at least {@code createdAt}. Nothing is checked
     * until the schedule is imported.
     */
    public static Builder builder(String id, String name, String pipeline, String cronExpression) {
        return new Builder(id, name, pipeline, cronExpression);
    }

    /** A builder holding every field of this schedule, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder(id, name, pipeline, cronExpression);
        builder.timeZone = timeZone;
        builder.enabled = enabled;
        builder.nextRunAt = nextRunAt;
        builder.lastRunAt = lastRunAt;
        builder.lastResult = lastResult;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        builder.version = version;
        return builder;
    }

    /**
     * Collects the fields of a {@link Schedule}, named as its components; each setter returns this
     * builder. Not thread-safe; {@link #build} may be called more than once.
     */
    public static final class Builder {
        private final String id;
        private final String name;
        private final String pipeline;
        private final String cronExpression;
        private ZoneId timeZone = ZoneOffset.UTC;
        private boolean enabled = true;
        private Instant nextRunAt;
        private Instant lastRunAt;
        private String lastResult;
        private Instant createdAt;
        private Instant updatedAt;
        private long version = 1;

        private Builder(String id, String name, String pipeline, String cronExpression) {
            this.id = id;
            this.name = name;
            this.pipeline = pipeline;
            this.cronExpression = cronExpression;
        }

        /** See {@link Schedule#timeZone()}. */
        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        /** See {@link Schedule#enabled()}. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** See {@link Schedule#nextRunAt()}; null for an enabled schedule is computed on import. */
        public Builder nextRunAt(Instant nextRunAt) {
            this.nextRunAt = nextRunAt;
            return this;
        }

        /** See {@link Schedule#lastRunAt()}. */
        public Builder lastRunAt(Instant lastRunAt) {
            this.lastRunAt = lastRunAt;
            return this;
        }

        /** See {@link Schedule#lastResult()}. */
        public Builder lastResult(String lastResult) {
            this.lastResult = lastResult;
            return this;
        }

        /** See {@link Schedule#createdAt()}. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** See {@link Schedule#updatedAt()}; null (the default) is derived on import. */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /** See {@link Schedule#version()}. */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** The record with the fields set so far. */
        public Schedule build() {
            return new Schedule(id, name, pipeline, cronExpression, timeZone, enabled, nextRunAt, lastRunAt, lastResult, createdAt, updatedAt, version);
        }
    }
}
