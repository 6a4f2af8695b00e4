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

    /**
     * A builder of an execution as it was, for {@link io.opstate.imports.RecordImport#importExecutions}:
     * running, ad hoc (no schedule, no job), version 1. Set at least {@code startedAt}. Nothing is
     * checked until the execution is imported.
     */
    public static Builder builder(String id, String pipeline, String triggeredBy) {
        return new Builder(id, pipeline, triggeredBy);
    }

    /** A builder holding every field of this execution, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder(id, pipeline, triggeredBy);
        builder.scheduleId = scheduleId;
        builder.jobId = jobId;
        builder.status = status;
        builder.startedAt = startedAt;
        builder.endedAt = endedAt;
        builder.durationMillis = durationMillis;
        builder.error = error;
        builder.context = context;
        builder.steps = steps;
        builder.version = version;
        return builder;
    }

    /**
     * Collects the fields of an {@link Execution}, named as its components; each setter returns
     * this builder. Not thread-safe; {@link #build} may be called more than once.
     */
    public static final class Builder {
        private final String id;
        private String scheduleId;
        private String jobId;
        private final String pipeline;
        private ExecutionStatus status = ExecutionStatus.RUNNING;
        private Instant startedAt;
        private Instant endedAt;
        private Long durationMillis;
        private String error;
        private String context;
        private String steps;
        private final String triggeredBy;
        private long version = 1;

        private Builder(String id, String pipeline, String triggeredBy) {
            this.id = id;
            this.pipeline = pipeline;
            this.triggeredBy = triggeredBy;
        }

        /** See {@link Execution#scheduleId()}. */
        public Builder scheduleId(String scheduleId) {
            this.scheduleId = scheduleId;
            return this;
        }

        /** See {@link Execution#jobId()}. */
        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /** See {@link Execution#status()}. */
        public Builder status(ExecutionStatus status) {
            this.status = status;
            return this;
        }

        /** See {@link Execution#startedAt()}. */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /** See {@link Execution#endedAt()}. */
        public Builder endedAt(Instant endedAt) {
            this.endedAt = endedAt;
            return this;
        }

        /** See {@link Execution#durationMillis()}; null (the default) is derived from the times on import. */
        public Builder durationMillis(Long durationMillis) {
            this.durationMillis = durationMillis;
            return this;
        }

        /** See {@link Execution#error()}. */
        public Builder error(String error) {
            this.error = error;
            return this;
        }

        /** See {@link Execution#context()}. */
        public Builder context(String context) {
            this.context = context;
            return this;
        }

        /** See {@link Execution#steps()}. */
        public Builder steps(String steps) {
            this.steps = steps;
            return this;
        }

        /** See {@link Execution#version()}. */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** The record with the fields set so far. */
        public Execution build() {
            return new Execution(id, scheduleId, jobId, pipeline, status, startedAt, endedAt, durationMillis, error, context, steps, triggeredBy, version);
        }
    }
}
