package io.opstate.constructs;

/**
 * What a {@link TimelineEvent} records. Events at the same instant are ordered by kind, in the
 * order declared here (oldest first), so that a session's start comes before its first entry and
 * its end after its last.
 */
public enum TimelineKind {
    /** A history event whose subject is the construct ({@link io.opstate.history.HistoryEvent#subjectId()}). */
    HISTORY_EVENT,
    /** One of the construct's sessions started ({@link io.opstate.sessions.Session#startedAt()}). */
    SESSION_STARTED,
    /** An entry was appended to the transcript of one of its sessions ({@link io.opstate.transcripts.TranscriptEntry#createdAt()}). */
    TRANSCRIPT_ENTRY,
    /** One of its sessions ended ({@link io.opstate.sessions.Session#endedAt()}). */
    SESSION_ENDED
}
