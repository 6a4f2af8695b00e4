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
}
