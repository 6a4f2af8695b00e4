package io.opstate.memory.internal;

import io.opstate.SequenceConflictException;
import io.opstate.core.TranscriptAppends;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link io.opstate.transcripts.TranscriptRepository} on a {@link MemoryStore}. Thread-safe; each method is atomic. */
final class MemoryTranscriptRepository extends TranscriptAppends {
    private final Session handle;

    MemoryTranscriptRepository(Session handle) {
        this.handle = handle;
    }

    @Override
    protected List<TranscriptEntry> appended(String sessionId, Long expectedNextSequence,
                                           List<NewTranscriptEntry> entries) {
        return handle.write(store -> {
            io.opstate.sessions.Session session = store.sessions.require(sessionId);
            long next = session.lastSequence() + 1;
            if (expectedNextSequence != null && expectedNextSequence != next) {
                throw new SequenceConflictException(sessionId, expectedNextSequence, next);
            }
            Instant now = handle.now();
            List<TranscriptEntry> stored = new ArrayList<>(entries.size());
            for (NewTranscriptEntry entry : entries) {
                stored.add(new TranscriptEntry(sessionId, next + stored.size(), entry.role(), entry.content(),
                        entry.data(), now));
            }
            store.sessions.update(new io.opstate.sessions.Session(sessionId, session.constructId(), session.status(),
                    session.startedAt(), session.endedAt(), session.metrics(), session.stateVersion(),
                    session.lastSequence() + entries.size(), session.createdAt(), session.updatedAt(),
                    session.version()));
            store.sessionLogs.append(sessionId, stored);
            return List.copyOf(stored);
        });
    }

    @Override
    public List<TranscriptEntry> read(String sessionId, long afterSequence, int limit) {
        return handle.read(store -> {
            store.sessions.require(sessionId);
            List<TranscriptEntry> all = store.sessionLogs.entries(sessionId);
            int from = (int) Math.min(afterSequence, all.size());
            return List.copyOf(all.subList(from, Math.min(all.size(), from + limit)));
        });
    }

    @Override
    public List<TranscriptEntry> last(String sessionId, int count) {
        return handle.read(store -> {
            store.sessions.require(sessionId);
            List<TranscriptEntry> all = store.sessionLogs.entries(sessionId);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        });
    }

    @Override
    public long count(String sessionId) {
        return handle.read(store -> store.sessions.require(sessionId).lastSequence());
    }
}
