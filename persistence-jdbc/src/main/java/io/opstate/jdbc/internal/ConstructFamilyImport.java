package io.opstate.jdbc.internal;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.core.ImportRules;
import io.opstate.core.search.SearchDocuments;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.jdbc.internal.search.SearchDocument;
import io.opstate.jdbc.internal.search.SearchIndex;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.TranscriptEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Imports constructs, their links, sessions, checkpoints and transcript entries as they were
 * ({@link io.opstate.imports.RecordImport}): every column from the record, constructs' and
 * entries' texts indexed for search as their creation indexes them, the read cache told. Each
 * batch is one write (joining the thread's transaction, if any); a refused record undoes the batch.
 * Records arrive checked and normalised. Thread-safe.
 */
public final class ConstructFamilyImport {
    private final JdbcContext context;
    private final SearchIndex index;
    private final ReadCache cache;
    private final String insertConstruct;
    private final String insertLink;
    private final String insertSession;
    private final String insertCheckpoint;
    private final String insertEntry;

    public ConstructFamilyImport(JdbcContext context, SearchIndex index, ReadCache cache) {
        this.context = context;
        this.index = index;
        this.cache = cache;
        this.insertConstruct = "INSERT INTO opstate_constructs (id, type, status, title, metadata, created_at,"
                + " updated_at, version) VALUES (:id, :type, :status, :title, " + context.json("metadata")
                + ", :createdAt, :updatedAt, :version)";
        this.insertLink = "INSERT INTO opstate_construct_links (from_id, type, to_id, metadata, created_at)"
                + " VALUES (:fromId, :type, :toId, " + context.json("metadata") + ", :createdAt)";
        this.insertSession = "INSERT INTO opstate_sessions (id, construct_id, status, started_at, ended_at, metrics,"
                + " state_version, last_sequence, created_at, updated_at, version) VALUES (:id, :constructId, :status,"
                + " :startedAt, :endedAt, " + context.json("metrics") + ", :stateVersion, :lastSequence, :createdAt,"
                + " :updatedAt, :version)";
        this.insertCheckpoint = "INSERT INTO opstate_session_checkpoints (session_id, version, state, saved_at)"
                + " VALUES (:sessionId, :version, " + context.json("state") + ", :savedAt)";
        this.insertEntry = "INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role, content,"
                + " data, created_at) VALUES (:sessionId, :constructId, :sequence, :role, :content, "
                + context.json("data") + ", :createdAt)";
    }

    public List<Construct> importConstructs(List<Construct> constructs) {
        List<Construct> imported = context.database().write(ErrorContext.NONE, handle -> {
            List<SearchDocument> documents = new ArrayList<>(constructs.size());
            for (Construct construct : constructs) {
                if (exists(handle, "SELECT 1 FROM opstate_constructs WHERE id = :id", Map.of("id", construct.id()))) {
                    throw new DuplicateKeyException("construct", construct.id());
                }
                handle.createUpdate(insertConstruct)
                        .bind("id", construct.id())
                        .bind("type", construct.type())
                        .bind("status", construct.status())
                        .bind("title", construct.title())
                        .bind("metadata", construct.metadata())
                        .bind("createdAt", construct.createdAt())
                        .bind("updatedAt", construct.updatedAt())
                        .bind("version", construct.version())
                        .execute();
                documents.add(SearchDocument.ofConstruct(construct.id(), construct.createdAt(),
                        SearchDocuments.construct(construct.title(), construct.metadata())));
            }
            index.insert(PlainConnection.of(handle), documents);
            return constructs;
        });
        constructs.forEach(construct -> cache.constructChanged(construct.id()));
        return imported;
    }

    public List<ConstructLink> importLinks(List<ConstructLink> links) {
        return context.database().write(ErrorContext.NONE, handle -> {
            for (ConstructLink link : links) {
                for (String end : List.of(link.fromId(), link.toId())) {
                    if (!exists(handle, "SELECT 1 FROM opstate_constructs WHERE id = :id", Map.of("id", end))) {
                        throw new NotFoundException("construct", end);
                    }
                }
                if (exists(handle, "SELECT 1 FROM opstate_construct_links WHERE from_id = :fromId AND type = :type"
                        + " AND to_id = :toId", Map.of("fromId", link.fromId(), "type", link.type(), "toId", link.toId()))) {
                    throw new DuplicateKeyException("construct link", link.fromId() + " " + link.type() + " " + link.toId());
                }
                handle.createUpdate(insertLink)
                        .bind("fromId", link.fromId())
                        .bind("type", link.type())
                        .bind("toId", link.toId())
                        .bind("metadata", link.metadata())
                        .bind("createdAt", link.createdAt())
                        .execute();
            }
            return links;
        });
    }

    public List<Session> importSessions(List<Session> sessions) {
        List<Session> imported = context.database().write(ErrorContext.NONE, handle -> {
            for (Session session : sessions) {
                if (!exists(handle, "SELECT 1 FROM opstate_constructs WHERE id = :id",
                        Map.of("id", session.constructId()))) {
                    throw new NotFoundException("construct", session.constructId());
                }
                if (exists(handle, "SELECT 1 FROM opstate_sessions WHERE id = :id", Map.of("id", session.id()))
                        || exists(handle, "SELECT 1 FROM opstate_session_purges WHERE session_id = :id",
                        Map.of("id", session.id()))) {
                    throw new DuplicateKeyException("session", session.id());
                }
                handle.createUpdate(insertSession)
                        .bind("id", session.id())
                        .bind("constructId", session.constructId())
                        .bind("status", session.status())
                        .bind("startedAt", session.startedAt())
                        .bind("endedAt", session.endedAt())
                        .bind("metrics", session.metrics())
                        .bind("stateVersion", session.stateVersion())
                        .bind("lastSequence", session.lastSequence())
                        .bind("createdAt", session.createdAt())
                        .bind("updatedAt", session.updatedAt())
                        .bind("version", session.version())
                        .execute();
            }
            return sessions;
        });
        cache.sessionsChanged(sessions.stream().map(Session::id).toList());
        return imported;
    }

    public List<Checkpoint> importCheckpoints(List<Checkpoint> checkpoints) {
        return context.database().write(ErrorContext.NONE, handle -> {
            for (int i = 0; i < checkpoints.size(); i++) {
                Checkpoint checkpoint = checkpoints.get(i);
                SessionPosition session = position(handle, checkpoint.sessionId());
                long newest = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM opstate_session_checkpoints"
                                + " WHERE session_id = :id")
                        .bind("id", checkpoint.sessionId()).mapTo(Long.class).one();
                ImportRules.checkpointVersion(i, checkpoint.version(), newest, session.stateVersion());
                handle.createUpdate(insertCheckpoint)
                        .bind("sessionId", checkpoint.sessionId())
                        .bind("version", checkpoint.version())
                        .bind("state", checkpoint.state())
                        .bind("savedAt", checkpoint.savedAt())
                        .execute();
            }
            return checkpoints;
        });
    }

    public List<TranscriptEntry> importEntries(List<TranscriptEntry> entries) {
        Set<String> sessions = new HashSet<>();
        List<TranscriptEntry> imported = context.database().write(ErrorContext.NONE, handle -> {
            Map<String, Long> lastStored = new HashMap<>();
            List<SearchDocument> documents = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                TranscriptEntry entry = entries.get(i);
                SessionPosition session = position(handle, entry.sessionId());
                long last = lastStored.computeIfAbsent(entry.sessionId(), id -> handle.createQuery(
                                "SELECT COALESCE(MAX(sequence), 0) FROM opstate_transcript_entries WHERE session_id = :id")
                        .bind("id", id).mapTo(Long.class).one());
                ImportRules.entrySequence(i, entry.sequence(), last, session.lastSequence());
                handle.createUpdate(insertEntry)
                        .bind("sessionId", entry.sessionId())
                        .bind("constructId", session.constructId())
                        .bind("sequence", entry.sequence())
                        .bind("role", entry.role())
                        .bind("content", entry.content())
                        .bind("data", entry.data())
                        .bind("createdAt", entry.createdAt())
                        .execute();
                lastStored.put(entry.sessionId(), entry.sequence());
                documents.add(SearchDocument.ofEntry(session.constructId(), entry.sessionId(), entry.sequence(),
                        entry.createdAt(), SearchDocuments.entry(entry.content())));
                sessions.add(entry.sessionId());
            }
            index.insert(PlainConnection.of(handle), documents);
            return entries;
        });
        cache.sessionsChanged(sessions);
        return imported;
    }

    private record SessionPosition(String constructId, long stateVersion, long lastSequence) {
    }

    private static SessionPosition position(Handle handle, String sessionId) {
        Optional<SessionPosition> found = handle.createQuery("SELECT construct_id, state_version, last_sequence"
                        + " FROM opstate_sessions WHERE id = :id")
                .bind("id", sessionId)
                .map((row, ignored) -> new SessionPosition(row.getString(1), row.getLong(2), row.getLong(3)))
                .findOne();
        return found.orElseThrow(() -> new NotFoundException("session", sessionId));
    }

    private static boolean exists(Handle handle, String sql, Map<String, String> keys) {
        var query = handle.createQuery(sql);
        keys.forEach(query::bind);
        return query.mapTo(Integer.class).findFirst().isPresent();
    }
}
