package io.opstate.core;

import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.transcripts.TranscriptRepository;
import java.util.List;

/**
 * The four ways to append to a transcript, as a backend serves them: one entry or a chunk, guarded
 * by the expected next sequence number or not, all through {@link #appended}. Backends extend it so
 * that the overloads are written once.
 */
public abstract class TranscriptAppends implements TranscriptRepository {
    @Override
    public final TranscriptEntry append(String sessionId, NewTranscriptEntry entry) {
        return appended(sessionId, null, List.of(entry)).get(0);
    }

    @Override
    public final TranscriptEntry append(String sessionId, long expectedNextSequence, NewTranscriptEntry entry) {
        return appended(sessionId, expectedNextSequence, List.of(entry)).get(0);
    }

    @Override
    public final List<TranscriptEntry> appendAll(String sessionId, List<NewTranscriptEntry> entries) {
        return appended(sessionId, null, entries);
    }

    @Override
    public final List<TranscriptEntry> appendAll(String sessionId, long expectedNextSequence,
                                                 List<NewTranscriptEntry> entries) {
        return appended(sessionId, expectedNextSequence, entries);
    }

    /**
     * Appends checked {@code entries} atomically, numbered from the session's next sequence number.
     *
     * @param expectedNextSequence the number the first entry must get, or null for an unguarded append
     */
    protected abstract List<TranscriptEntry> appended(String sessionId, Long expectedNextSequence,
                                                      List<NewTranscriptEntry> entries);
}
