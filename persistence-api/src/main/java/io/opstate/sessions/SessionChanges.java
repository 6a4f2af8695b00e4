package io.opstate.sessions;

import java.time.Instant;

/**
 * Changes to a session; null fields keep their current value. Start from {@link #none()}; every
 * {@code with} method returns a copy. Validated when submitted, not here.
 *
 * @param status new status, 1..200 characters, or null to keep it
 * @param endedAt when the session ended (year 1..9999, truncated to microseconds), or null to keep it
 * @param metrics new metrics JSON text replacing the old whole, or null to keep them
 */
public record SessionChanges(String status, Instant endedAt, String metrics) {
    /** Changes nothing yet; an update with no changes still counts as a change (version + 1). */
    public static SessionChanges none() {
        return new SessionChanges(null, null, null);
    }

    /** A copy that sets the status. */
    public SessionChanges withStatus(String status) {
        return new SessionChanges(status, endedAt, metrics);
    }

    /** A copy that sets when the session ended. */
    public SessionChanges withEndedAt(Instant endedAt) {
        return new SessionChanges(status, endedAt, metrics);
    }

    /** A copy that replaces the metrics with {@code metricsJson}. */
    public SessionChanges withMetrics(String metricsJson) {
        return new SessionChanges(status, endedAt, metricsJson);
    }
}
