package io.opstate.sessions;

import java.time.Instant;

/**
 * One saved state of a session's agent.
 *
 * @param sessionId the session
 * @param version 1 for the first save, one more for each save after it
 * @param state the state as JSON text; PostgreSQL may reorder keys and drop whitespace
 * @param savedAt when it was saved
 */
public record Checkpoint(String sessionId, long version, String state, Instant savedAt) {
}
