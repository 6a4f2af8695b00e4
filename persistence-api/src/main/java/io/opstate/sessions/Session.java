package io.opstate.sessions;

import java.time.Instant;

/**
 * One run of an agent on a construct: its status, when it started and ended, its metrics, and
 * where its state checkpoints and transcript stand.
 *
 * @param id unique id, the key
 * @param constructId the construct the session belongs to
 * @param status the host's own status text, e.g. {@code running}
 * @param startedAt when the session started; sessions of a construct are listed in this order
 * @param endedAt when it ended, or null while it has not
 * @param metrics JSON text (timings, interventions...), or null; PostgreSQL may reorder keys
 *     and drop whitespace, so compare it as JSON
 * @param stateVersion version of the latest state checkpoint; 0 before the first
 *     {@link SessionRepository#saveState}
 * @param lastSequence sequence number of the last transcript entry; 0 while the transcript is empty
 * @param createdAt when the session was created
 * @param updatedAt when {@link SessionRepository#update} last changed it
 * @param version increases with every {@link SessionRepository#update}; pass it back to update.
 *     Saving state and appending to the transcript do not change it.
 */
public record Session(String id, String constructId, String status, Instant startedAt, Instant endedAt,
                      String metrics, long stateVersion, long lastSequence, Instant createdAt, Instant updatedAt,
                      long version) {
}
