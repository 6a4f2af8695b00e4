package io.opstate.memory.internal;

import io.opstate.core.search.SearchDocuments;
import io.opstate.sessions.Checkpoint;
import io.opstate.transcripts.TranscriptEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoints and transcript entries of each session, in the order they were written: the
 * entry with sequence number {@code n} at index {@code n - 1}, the checkpoints kept oldest first.
 * Appends cost no copy of what is already there. Every change is recorded in the store's undo log,
 * and kept in step in the search index with the entries' content. Not thread-safe on its own: callers
 * hold the store's lock.
 */
final class SessionLogs {
    private final UndoLog undo;
    private final SearchIndex searchIndex;
    private final Map<String, List<TranscriptEntry>> entries = new HashMap<>();
    private final Map<String, List<Checkpoint>> checkpoints = new HashMap<>();

    SessionLogs(UndoLog undo, SearchIndex searchIndex) {
        this.undo = undo;
        this.searchIndex = searchIndex;
    }

    /** The session's entries, oldest first; read-only, and only valid until the next change. */
    List<TranscriptEntry> entries(String sessionId) {
        return java.util.Collections.unmodifiableList(entries.getOrDefault(sessionId, List.of()));
    }

    /** Appends entries numbered after the session's last. */
    void append(String sessionId, List<TranscriptEntry> appended) {
        append(entries, sessionId, appended);
        for (TranscriptEntry entry : appended) {
            searchIndex.put(TextKey.entry(sessionId, entry.sequence()), text(entry));
        }
        undo.record(() -> appended.forEach(entry -> searchIndex.remove(TextKey.entry(sessionId, entry.sequence()))));
    }

    /** Every session with entries, for rebuilding the search index. */
    Set<String> sessionsWithEntries() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    static SearchIndex.Text text(TranscriptEntry entry) {
        return SearchIndex.Text.of(SearchDocuments.entry(entry.content()), entry.createdAt());
    }

    /** The session's kept checkpoints, oldest first; read-only, and only valid until the next change. */
    List<Checkpoint> checkpoints(String sessionId) {
        return java.util.Collections.unmodifiableList(checkpoints.getOrDefault(sessionId, List.of()));
    }

    /** Adds {@code checkpoint} as the newest and drops the oldest beyond {@code kept}. */
    void save(Checkpoint checkpoint, int kept) {
        append(checkpoints, checkpoint.sessionId(), List.of(checkpoint));
        List<Checkpoint> all = checkpoints.get(checkpoint.sessionId());
        if (all.size() > kept) {
            List<Checkpoint> before = List.copyOf(all);
            List<Checkpoint> after = new ArrayList<>(all.subList(all.size() - kept, all.size()));
            checkpoints.put(checkpoint.sessionId(), after);
            undo.record(() -> checkpoints.put(checkpoint.sessionId(), new ArrayList<>(before)));
        }
    }

    /** Adds imported checkpoints as the newest, keeping them all. */
    void addCheckpoints(String sessionId, List<Checkpoint> added) {
        append(checkpoints, sessionId, added);
    }

    /** Forgets everything of the session. */
    void remove(String sessionId) {
        List<TranscriptEntry> removedEntries = entries.remove(sessionId);
        List<Checkpoint> removedCheckpoints = checkpoints.remove(sessionId);
        List<SearchIndex.Text> removedTexts = new ArrayList<>();
        if (removedEntries != null) {
            removedEntries.forEach(entry -> removedTexts.add(
                    searchIndex.remove(TextKey.entry(sessionId, entry.sequence()))));
        }
        undo.record(() -> {
            if (removedEntries != null) {
                entries.put(sessionId, removedEntries);
                for (int i = 0; i < removedEntries.size(); i++) {
                    searchIndex.put(TextKey.entry(sessionId, removedEntries.get(i).sequence()), removedTexts.get(i));
                }
            }
            if (removedCheckpoints != null) {
                checkpoints.put(sessionId, removedCheckpoints);
            }
        });
    }

    private <T> void append(Map<String, List<T>> logs, String sessionId, List<T> rows) {
        List<T> log = logs.computeIfAbsent(sessionId, ignored -> new ArrayList<>());
        int size = log.size();
        log.addAll(rows);
        undo.record(() -> {
            List<T> current = logs.get(sessionId);
            current.subList(size, current.size()).clear();
            if (current.isEmpty()) {
                logs.remove(sessionId);
            }
        });
    }
}
