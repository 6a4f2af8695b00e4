package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.transcripts.TranscriptRepository;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the arguments of every {@link TranscriptRepository} call, then delegates. An entry's
 * content and data together may weigh at most {@code opstate.max-entry-bytes} in UTF-8. A
 * session id no session can have is answered here: {@link NotFoundException}, after the other
 * arguments are checked.
 */
final class ValidatingTranscriptRepository implements TranscriptRepository {
    private final TranscriptRepository backend;
    private final int maxEntryBytes;

    ValidatingTranscriptRepository(TranscriptRepository backend, int maxEntryBytes) {
        this.backend = backend;
        this.maxEntryBytes = maxEntryBytes;
    }

    @Override
    public TranscriptEntry append(String sessionId, NewTranscriptEntry entry) {
        boolean possible = SessionIds.couldName("sessionId", sessionId);
        checked("", Checks.required("entry", entry));
        return backend.append(known(possible, sessionId), entry);
    }

    @Override
    public TranscriptEntry append(String sessionId, long expectedNextSequence, NewTranscriptEntry entry) {
        boolean possible = SessionIds.couldName("sessionId", sessionId);
        nextSequence(expectedNextSequence);
        checked("", Checks.required("entry", entry));
        return backend.append(known(possible, sessionId), expectedNextSequence, entry);
    }

    @Override
    public List<TranscriptEntry> appendAll(String sessionId, List<NewTranscriptEntry> entries) {
        boolean possible = SessionIds.couldName("sessionId", sessionId);
        List<NewTranscriptEntry> checked = checked(entries);
        return backend.appendAll(known(possible, sessionId), checked);
    }

    @Override
    public List<TranscriptEntry> appendAll(String sessionId, long expectedNextSequence,
                                           List<NewTranscriptEntry> entries) {
        boolean possible = SessionIds.couldName("sessionId", sessionId);
        nextSequence(expectedNextSequence);
        List<NewTranscriptEntry> checked = checked(entries);
        return backend.appendAll(known(possible, sessionId), expectedNextSequence, checked);
    }

    @Override
    public List<TranscriptEntry> read(String sessionId, long afterSequence, int limit) {
        boolean possible = SessionIds.couldName("sessionId", sessionId);
        if (afterSequence < 0) {
            throw new InvalidInputException("afterSequence", "must not be negative, got " + afterSequence);
        }
        Checks.range("limit", limit, 1, MAX_ENTRIES);
        return backend.read(known(possible, sessionId), afterSequence, limit);
    }

    @Override
    public List<TranscriptEntry> last(String sessionId, int count) {
        boolean possible = SessionIds.couldName("sessionId", sessionId);
        Checks.range("count", count, 1, MAX_ENTRIES);
        return backend.last(known(possible, sessionId), count);
    }

    @Override
    public long count(String sessionId) {
        return backend.count(SessionIds.known(sessionId));
    }

    /**
     * The backend's stream, which reads through its own {@code read}: checked once, here. An id
     * no session can have gives a stream that throws {@link NotFoundException} when pulled, as the
     * backend's does for an unknown session.
     */
    @Override
    public Stream<TranscriptEntry> stream(String sessionId) {
        if (!SessionIds.couldName("sessionId", sessionId)) {
            return PageWalker.stream(page -> {
                throw new NotFoundException("session", sessionId);
            }, SortOrder.OLDEST_FIRST);
        }
        return backend.stream(sessionId);
    }

    private static String known(boolean possible, String sessionId) {
        if (!possible) {
            throw new NotFoundException("session", sessionId);
        }
        return sessionId;
    }

    private static void nextSequence(long expectedNextSequence) {
        if (expectedNextSequence < 1) {
            throw new InvalidInputException("expectedNextSequence", "must be at least 1, got " + expectedNextSequence);
        }
    }

    private List<NewTranscriptEntry> checked(List<NewTranscriptEntry> entries) {
        Checks.required("entries", entries);
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new InvalidInputException("entries", "must hold 1 to " + MAX_ENTRIES + " entries, got " + entries.size());
        }
        for (int i = 0; i < entries.size(); i++) {
            NewTranscriptEntry entry = entries.get(i);
            if (entry == null) {
                throw new InvalidInputException("entries[" + i + "]", "is required");
            }
            checked("entries[" + i + "].", entry);
        }
        return List.copyOf(entries);
    }

    private void checked(String prefix, NewTranscriptEntry entry) {
        checkEntry(prefix, entry, maxEntryBytes);
    }

    /** Checks one entry; {@code prefix} goes before the names of its fields. Shared with imports of entries. */
    static void checkEntry(String prefix, NewTranscriptEntry entry, int maxEntryBytes) {
        TextChecks.name(prefix + "role", entry.role());
        String content = Checks.required(prefix + "content", entry.content());
        TextChecks.maxUtf8Bytes(prefix + "content", content, maxEntryBytes);
        TextChecks.storable(prefix + "content", content);
        if (entry.data() != null) {
            JsonChecks.optional(prefix + "data", entry.data(), maxEntryBytes);
            long total = TextChecks.utf8Length(content) + TextChecks.utf8Length(entry.data());
            if (total > maxEntryBytes) {
                throw new InvalidInputException(prefix + "data", "with the content makes an entry of " + total
                        + " bytes in UTF-8; at most " + maxEntryBytes + " are allowed");
            }
        }
    }
}
