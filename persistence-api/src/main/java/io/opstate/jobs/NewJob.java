package io.opstate.jobs;

import java.time.Instant;

/**
 * A job to enqueue. Start from {@link #of(String)} and add what you need; every {@code with}
 * method returns a copy. Validated when submitted, not here.
 *
 * @param id identifier to use, or null to generate a time-ordered UUID
 * @param type required; 1..200 characters
 * @param payload JSON text or null; at most the configured maximum payload size
 * @param priority higher runs first; default 0, range -1000..1000
 * @param maxAttempts claims allowed in all; default {@value #DEFAULT_MAX_ATTEMPTS}, range 1..1000
 * @param notBefore earliest claim time, or null for now
 * @param stage initial stage or null
 * @param message initial message or null
 * @param dedupKey null, or a key no other unfinished job may hold at the same time; 1..200
 *     characters, no control characters (see {@link #withDedupKey(String, OnDuplicateKey)})
 * @param onDuplicate what creating does when another unfinished job holds {@code dedupKey};
 *     required, default {@link OnDuplicateKey#FAIL}
 */
public record NewJob(String id, String type, String payload, int priority, int maxAttempts,
                     Instant notBefore, String stage, String message, String dedupKey, OnDuplicateKey onDuplicate) {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** A job of the given type with defaults for everything else. */
    public static NewJob of(String type) {
        return new NewJob(null, type, null, 0, DEFAULT_MAX_ATTEMPTS, null, null, null, null, OnDuplicateKey.FAIL);
    }

    public NewJob withId(String id) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }

    public NewJob withPayload(String payload) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }

    public NewJob withPriority(int priority) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }

    public NewJob withMaxAttempts(int maxAttempts) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }

    public NewJob withNotBefore(Instant notBefore) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }

    public NewJob withStage(String stage) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }

    public NewJob withMessage(String message) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }

    /**
     * The job carries {@code dedupKey}, and creating it while another job holding the same key
     * has not finished is refused with {@link io.opstate.DuplicateDedupKeyException}. Same as
     * {@link #withDedupKey(String, OnDuplicateKey)} with {@link OnDuplicateKey#FAIL}.
     */
    public NewJob withDedupKey(String dedupKey) {
        return withDedupKey(dedupKey, OnDuplicateKey.FAIL);
    }

    /**
     * The job carries {@code dedupKey}, a key that at most one unfinished ({@code QUEUED} or
     * {@code RUNNING}) job of the store holds at any time, for example {@code "pull:llama3:8b"}
     * to answer "is this model already being pulled?" without reading payloads. While such a job
     * exists, creating another with the same key does as {@code onDuplicate} says: refuse, or
     * return the existing job instead. Once the job holding the key has succeeded, failed or been
     * cancelled, the key is free again. The store enforces it, across threads, processes and hosts.
     *
     * @param dedupKey the key, or null for none; 1..200 characters, no control characters
     * @param onDuplicate required
     */
    public NewJob withDedupKey(String dedupKey, OnDuplicateKey onDuplicate) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message, dedupKey, onDuplicate);
    }
}
