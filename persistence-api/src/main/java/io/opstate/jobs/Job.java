package io.opstate.jobs;

import java.time.Instant;

/**
 * A unit of asynchronous work and everything known about its progress. Immutable snapshot;
 * times are UTC, truncated to microseconds.
 *
 * @param id unique identifier (caller-supplied or a time-ordered UUID)
 * @param type what kind of work, used to route it to workers
 * @param status lifecycle state
 * @param stage free-form name of the current phase, e.g. {@code "download"}; may be null
 * @param progress fraction done, 0..1; null while unknown
 * @param bytesDone bytes processed so far, never negative
 * @param bytesTotal bytes expected in all; null while unknown
 * @param message latest human-readable status line; may be null
 * @param payload the job's input as JSON text; may be null
 * @param result the job's output as JSON text, set on success; may be null
 * @param error short reason of the latest failure; may be null
 * @param errorDetail long diagnostic of the latest failure (a stack trace); may be null
 * @param attempts how many times the job has been claimed
 * @param maxAttempts how many claims are allowed in all
 * @param priority higher runs first
 * @param createdAt when the job was created
 * @param updatedAt when the job last changed
 * @param startedAt when the latest claim started it; null until first claimed
 * @param finishedAt when it reached a terminal status; null otherwise
 * @param notBefore the job is not claimed before this time (delay or retry backoff)
 * @param workerId the worker holding the current or latest claim; null until claimed
 * @param leaseExpiresAt when the current claim lapses unless renewed; null unless running
 * @param fencingToken the token of the latest claim, 0 before the first: it names that one claim of
 *     this job (no other claim in the store carries it) and is larger than the job's previous
 *     one; progress, renew, complete and fail must present it
 * @param version increases with every change
 * @param dedupKey the key no other unfinished job holds while this one has not finished, or null
 *     ({@link NewJob#withDedupKey(String, OnDuplicateKey)}); kept after it finishes, for reference
 */
public record Job(
        String id,
        String type,
        JobStatus status,
        String stage,
        Double progress,
        long bytesDone,
        Long bytesTotal,
        String message,
        String payload,
        String result,
        String error,
        String errorDetail,
        int attempts,
        int maxAttempts,
        int priority,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant notBefore,
        String workerId,
        Instant leaseExpiresAt,
        long fencingToken,
        long version,
        String dedupKey) {

    /**
     * A builder of a job as it was, for {@link io.opstate.imports.RecordImport#importJobs}: starts
     * queued, never claimed, with {@link NewJob#DEFAULT_MAX_ATTEMPTS} attempts allowed, priority
     * 0 and version 1; every other field null (0 for counts). Set at least {@code createdAt}.
     * Nothing is checked until the job is imported.
     */
    public static Builder builder(String id, String type) {
        return new Builder(id, type);
    }

    /** A builder holding every field of this job, to change a few of them. */
    public Builder toBuilder() {
        Builder builder = new Builder(id, type);
        builder.status = status;
        builder.stage = stage;
        builder.progress = progress;
        builder.bytesDone = bytesDone;
        builder.bytesTotal = bytesTotal;
        builder.message = message;
        builder.payload = payload;
        builder.result = result;
        builder.error = error;
        builder.errorDetail = errorDetail;
        builder.attempts = attempts;
        builder.maxAttempts = maxAttempts;
        builder.priority = priority;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        builder.startedAt = startedAt;
        builder.finishedAt = finishedAt;
        builder.notBefore = notBefore;
        builder.workerId = workerId;
        builder.leaseExpiresAt = leaseExpiresAt;
        builder.fencingToken = fencingToken;
        builder.version = version;
        builder.dedupKey = dedupKey;
        return builder;
    }

    /**
     * Collects the fields of a {@link Job}, named as its components (fields checked together
     * are set together); each setter returns this builder. Not thread-safe; {@link #build} may be called more than once.
     */
    public static final class Builder {
        private final String id;
        private final String type;
        private JobStatus status = JobStatus.QUEUED;
        private String stage;
        private Double progress;
        private long bytesDone;
        private Long bytesTotal;
        private String message;
        private String payload;
        private String result;
        private String error;
        private String errorDetail;
        private int attempts;
        private int maxAttempts = NewJob.DEFAULT_MAX_ATTEMPTS;
        private int priority;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant startedAt;
        private Instant finishedAt;
        private Instant notBefore;
        private String workerId;
        private Instant leaseExpiresAt;
        private long fencingToken;
        private long version = 1;
        private String dedupKey;

        private Builder(String id, String type) {
            this.id = id;
            this.type = type;
        }

        /** See {@link Job#status()}. */
        public Builder status(JobStatus status) {
            this.status = status;
            return this;
        }

        /** See {@link Job#stage()}. */
        public Builder stage(String stage) {
            this.stage = stage;
            return this;
        }

        /** See {@link Job#progress()}. */
        public Builder progress(Double progress) {
            this.progress = progress;
            return this;
        }

        /** See {@link Job#bytesDone()} and {@link Job#bytesTotal()}. */
        public Builder bytes(long bytesDone, Long bytesTotal) {
            this.bytesDone = bytesDone;
            this.bytesTotal = bytesTotal;
            return this;
        }

        /** See {@link Job#message()}. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** See {@link Job#payload()}. */
        public Builder payload(String payloadJson) {
            this.payload = payloadJson;
            return this;
        }

        /** See {@link Job#result()}. */
        public Builder result(String resultJson) {
            this.result = resultJson;
            return this;
        }

        /** See {@link Job#error()} and {@link Job#errorDetail()}. */
        public Builder error(String error, String errorDetail) {
            this.error = error;
            this.errorDetail = errorDetail;
            return this;
        }

        /** See {@link Job#attempts()} and {@link Job#maxAttempts()}. */
        public Builder attempts(int attempts, int maxAttempts) {
            this.attempts = attempts;
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** See {@link Job#priority()}. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** See {@link Job#createdAt()}. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** See {@link Job#updatedAt()}; null (the default) derives it on import. */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /** See {@link Job#startedAt()}. */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /** See {@link Job#finishedAt()}. */
        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /** See {@link Job#notBefore()}; null (the default) is {@code createdAt} on import. */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /** See {@link Job#workerId()}. */
        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        /** See {@link Job#leaseExpiresAt()}; an import replaces a running job's lease with an expired one. */
        public Builder leaseExpiresAt(Instant leaseExpiresAt) {
            this.leaseExpiresAt = leaseExpiresAt;
            return this;
        }

        /** See {@link Job#fencingToken()}. */
        public Builder fencingToken(long fencingToken) {
            this.fencingToken = fencingToken;
            return this;
        }

        /** See {@link Job#version()}. */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** See {@link Job#dedupKey()}; an unfinished job's key must be free in the store. */
        public Builder dedupKey(String dedupKey) {
            this.dedupKey = dedupKey;
            return this;
        }

        /** The job with the fields set so far. */
        public Job build() {
            return new Job(id, type, status, stage, progress, bytesDone, bytesTotal, message, payload, result, error,
                    errorDetail, attempts, maxAttempts, priority, createdAt, updatedAt, startedAt, finishedAt,
                    notBefore, workerId, leaseExpiresAt, fencingToken, version, dedupKey);
        }
    }
}
