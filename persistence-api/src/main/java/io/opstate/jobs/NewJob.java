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
 */
public record NewJob(String id, String type, String payload, int priority, int maxAttempts,
                     Instant notBefore, String stage, String message) {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** A job of the given type with defaults for everything else. */
    public static NewJob of(String type) {
        return new NewJob(null, type, null, 0, DEFAULT_MAX_ATTEMPTS, null, null, null);
    }

    public NewJob withId(String id) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message);
    }

    public NewJob withPayload(String payload) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message);
    }

    public NewJob withPriority(int priority) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message);
    }

    public NewJob withMaxAttempts(int maxAttempts) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message);
    }

    public NewJob withNotBefore(Instant notBefore) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message);
    }

    public NewJob withStage(String stage) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message);
    }

    public NewJob withMessage(String message) {
        return new NewJob(id, type, payload, priority, maxAttempts, notBefore, stage, message);
    }
}
