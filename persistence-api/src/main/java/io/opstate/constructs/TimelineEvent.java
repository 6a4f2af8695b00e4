package io.opstate.constructs;

import java.time.Instant;

/**
 * One event of a construct's activity timeline ({@link ConstructRepository#timeline}): what the
 * timeline shows of a history event, a session or a transcript entry, not the record itself (read
 * that by the ids given here). Timelines are ordered by {@code at}, then {@code kind} (in
 * {@link TimelineKind}'s order), then {@code sessionId} in Unicode code-point order, then
 * {@code sequence}, then {@code historyEventId}: a total order, the same on every backend.
 *
 * @param kind what happened
 * @param at when: the history event's {@code occurredAt}, the session's {@code startedAt} or
 *     {@code endedAt}, the entry's {@code createdAt}
 * @param sessionId the session (of a session event or a transcript entry); null for a history event
 * @param sequence the transcript entry's sequence number; 0 for other kinds
 * @param name the history event's name, the session's current status, or the entry's role
 * @param historyEventId the history event's id; 0 for other kinds
 */
public record TimelineEvent(TimelineKind kind, Instant at, String sessionId, long sequence, String name,
                            long historyEventId) {
}
