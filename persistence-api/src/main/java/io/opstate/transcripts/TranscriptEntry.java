package io.opstate.transcripts;

import java.time.Instant;

/**
 * One entry of a session's transcript.
 *
 * @param sessionId the session
 * @param sequence 1 for the session's first entry, one more for each after it, without gaps
 * @param role who speaks, e.g. {@code user}, {@code assistant}, {@code tool}
 * @param content the text of the entry
 * @param data JSON text attached to the entry, or null; PostgreSQL may reorder keys and drop whitespace
 * @param createdAt when it was appended
 */
public record TranscriptEntry(String sessionId, long sequence, String role, String content, String data,
                              Instant createdAt) {
}
