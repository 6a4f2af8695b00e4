package io.opstate.sessions;

import java.time.Instant;

/**
 * A session to create. Start from {@link #of(String, String)} and add what you need; every
 * {@code with} method returns a copy. Validated when submitted, not here.
 *
 * @param id 1..200 characters, or null for a new time-ordered id (UUIDv7)
 * @param constructId required; the construct must exist
 * @param status required, 1..200 characters
 * @param startedAt when it started, year 1..9999 (truncated to microseconds), or null for now
 * @param metrics JSON text of at most the configured maximum payload size, or null
 */
public record NewSession(String id, String constructId, String status, Instant startedAt, String metrics) {
    /** A session of {@code constructId} in {@code status}, started now, with a generated id. */
    public static NewSession of(String constructId, String status) {
        return new NewSession(null, constructId, status, null, null);
    }

    /** A copy with the caller's own id. */
    public NewSession withId(String id) {
        return new NewSession(id, constructId, status, startedAt, metrics);
    }

    /** A copy started at {@code startedAt} rather than now. */
    public NewSession withStartedAt(Instant startedAt) {
        return new NewSession(id, constructId, status, startedAt, metrics);
    }

    /** A copy with these metrics (JSON text). */
    public NewSession withMetrics(String metricsJson) {
        return new NewSession(id, constructId, status, startedAt, metricsJson);
    }
}
