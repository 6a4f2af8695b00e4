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
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Imports constructs, their links, sessions, checkpoints and transcript entries as they were
 * ({@link io.opstate.imports.RecordImport}): every column from the record, constructs' and
 * entries' texts indexed for search as their creation indexes them, the read cache told. Each
 * batch is one write (joining the thread's transaction, if any); a refused record undoes the batch.
 * What a batch needs to know of the store (taken ids, sessions' positions) is read in one
 * statement per question, and its rows go in one prepared batch, not a statement each.
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
            Set<String> taken = found(handle, "SELECT id FROM opstate_constructs WHERE id IN (<keys>)",
                    constructs.stream().map(Construct::id).toList());
            List<SearchDocument> documents = new ArrayList<>(constructs.size());
            try (PreparedBatch inserts = handle.prepareBatch(insertConstruct)) {
                for (Construct construct : constructs) {
                    if (taken.contains(construct.id())) {
                        throw new DuplicateKeyException("construct", construct.id());
                    }
                    inserts.bind("id", construct.id())
                            .bind("type", construct.type())
                            .bind("status", construct.status())
                            .bind("title", construct.title())
                            .bind("metadata", construct.metadata())
                            .bind("createdAt", construct.createdAt())
                            .bind("updatedAt", construct.updatedAt())
                            .bind("version", construct.version())
                            .add();
                    documents.add(SearchDocument.ofConstruct(construct.id(), construct.createdAt(),
                            SearchDocuments.construct(construct.title(), construct.metadata())));
                }
                executeIfAny(inserts);
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
            List<String> ids = sessions.stream().map(Session::id).toList();
            Set<String> constructs = found(handle, "SELECT id FROM opstate_constructs WHERE id IN (<keys>)",
                    sessions.stream().map(Session::constructId).distinct().toList());
            Set<String> taken = found(handle, "SELECT id FROM opstate_sessions WHERE id IN (<keys>)", ids);
            taken.addAll(found(handle, "SELECT session_id FROM opstate_session_purges WHERE session_id IN (<keys>)", ids));
            try (PreparedBatch inserts = handle.prepareBatch(insertSession)) {
                for (Session session : sessions) {
                    if (!constructs.contains(session.constructId())) {
                        throw new NotFoundException("construct", session.constructId());
                    }
                    if (taken.contains(session.id())) {
                        throw new DuplicateKeyException("session", session.id());
                    }
                    inserts.bind("id", session.id())
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
                            .add();
                }
                executeIfAny(inserts);
            }
            return sessions;
        });
        cache.sessionsChanged(sessions.stream().map(Session::id).toList());
        return imported;
    }

    public List<Checkpoint> importCheckpoints(List<Checkpoint> checkpoints) {
        return context.database().write(ErrorContext.NONE, handle -> {
            List<String> sessionIds = checkpoints.stream().map(Checkpoint::sessionId).distinct().toList();
            Map<String, SessionPosition> positions = positions(handle, sessionIds);
            Map<String, Long> newest = highest(handle, "SELECT session_id, MAX(version) FROM opstate_session_checkpoints"
                    + " WHERE session_id IN (<keys>) GROUP BY session_id", sessionIds);
            try (PreparedBatch inserts = handle.prepareBatch(insertCheckpoint)) {
                for (int i = 0; i < checkpoints.size(); i++) {
                    Checkpoint checkpoint = checkpoints.get(i);
                    SessionPosition session = position(positions, checkpoint.sessionId());
                    ImportRules.checkpointVersion(i, checkpoint.version(), newest.getOrDefault(checkpoint.sessionId(), 0L),
                            session.stateVersion());
                    inserts.bind("sessionId", checkpoint.sessionId())
                            .bind("version", checkpoint.version())
                            .bind("state", checkpoint.state())
                            .bind("savedAt", checkpoint.savedAt())
                            .add();
                    newest.put(checkpoint.sessionId(), checkpoint.version());
                }
                executeIfAny(inserts);
            }
            return checkpoints;
        });
    }

    public List<TranscriptEntry> importEntries(List<TranscriptEntry> entries) {
        Set<String> sessions = new HashSet<>();
        List<TranscriptEntry> imported = context.database().write(ErrorContext.NONE, handle -> {
            List<String> sessionIds = entries.stream().map(TranscriptEntry::sessionId).distinct().toList();
            Map<String, SessionPosition> positions = positions(handle, sessionIds);
            Map<String, Long> lastStored = highest(handle, "SELECT session_id, MAX(sequence) FROM"
                    + " opstate_transcript_entries WHERE session_id IN (<keys>) GROUP BY session_id", sessionIds);
            List<SearchDocument> documents = new ArrayList<>(entries.size());
            try (PreparedBatch inserts = handle.prepareBatch(insertEntry)) {
                for (int i = 0; i < entries.size(); i++) {
                    TranscriptEntry entry = entries.get(i);
                    SessionPosition session = position(positions, entry.sessionId());
                    ImportRules.entrySequence(i, entry.sequence(), lastStored.getOrDefault(entry.sessionId(), 0L),
                            session.lastSequence());
                    inserts.bind("sessionId", entry.sessionId())
                            .bind("constructId", session.constructId())
                            .bind("sequence", entry.sequence())
                            .bind("role", entry.role())
                            .bind("content", entry.content())
                            .bind("data", entry.data())
                            .bind("createdAt", entry.createdAt())
                            .add();
                    lastStored.put(entry.sessionId(), entry.sequence());
                    documents.add(SearchDocument.ofEntry(session.constructId(), entry.sessionId(), entry.sequence(),
                            entry.createdAt(), SearchDocuments.entry(entry.content())));
                    sessions.add(entry.sessionId());
                }
                executeIfAny(inserts);
            }
            index.insert(PlainConnection.of(handle), documents);
            return entries;
        });
        cache.sessionsChanged(sessions);
        return imported;
    }

    private record SessionPosition(String constructId, long stateVersion, long lastSequence) {
    }

    /** Where each of the sessions {@code ids} stands, read in one statement; absent ones are missing. */
    private static Map<String, SessionPosition> positions(Handle handle, List<String> ids) {
        Map<String, SessionPosition> positions = new HashMap<>();
        if (!ids.isEmpty()) {
            handle.createQuery("SELECT id, construct_id, state_version, last_sequence FROM opstate_sessions"
                            + " WHERE id IN (<keys>)")
                    .bindList("keys", ids)
                    .map((row, ignored) -> Map.entry(row.getString(1),
                            new SessionPosition(row.getString(2), row.getLong(3), row.getLong(4))))
                    .forEach(entry -> positions.put(entry.getKey(), entry.getValue()));
        }
        return positions;
    }

    private static SessionPosition position(Map<String, SessionPosition> positions, String sessionId) {
        SessionPosition position = positions.get(sessionId);
        if (position == null) {
            throw new NotFoundException("session", sessionId);
        }
        return position;
    }

    /** The first column of {@code sql} for {@code keys} (bound as {@code <keys>}): which of them are there. */
    private static Set<String> found(Handle handle, String sql, List<String> keys) {
        Set<String> found = new HashSet<>();
        if (!keys.isEmpty()) {
            handle.createQuery(sql).bindList("keys", keys).mapTo(String.class).forEach(found::add);
        }
        return found;
    }

    /** A key and a number per row of {@code sql} for {@code keys} (bound as {@code <keys>}). */
    private static Map<String, Long> highest(Handle handle, String sql, List<String> keys) {
        Map<String, Long> highest = new HashMap<>();
        if (!keys.isEmpty()) {
            handle.createQuery(sql).bindList("keys", keys)
                    .map((row, ignored) -> Map.entry(row.getString(1), row.getLong(2)))
                    .forEach(entry -> highest.put(entry.getKey(), entry.getValue()));
        }
        return highest;
    }

    /** A batch of no rows is not sent (some drivers refuse an empty batch). */
    private static void executeIfAny(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static boolean exists(Handle handle, String sql, Map<String, String> keys) {
        var query = handle.createQuery(sql);
        keys.forEach(query::bind);
        return query.mapTo(Integer.class).findFirst().isPresent();
    }
}
