package io.opstate.jdbc.internal.sessions;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.StaleVersionException;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.sessions.SessionRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The shared SQL implementation of {@link SessionRepository}. Checkpoints are read through their
 * session's row, so those of a session whose construct was deleted (purged later) are never seen.
 * Thread-safe.
 */
public final class JdbcSessionRepository implements SessionRepository {
    private static final String RETURNING = " RETURNING " + SessionMapper.COLUMNS;
    private static final String SELECT = "SELECT " + SessionMapper.COLUMNS + " FROM opstate_sessions";
    private static final Keyset<Session> KEYSET =
            new Keyset<>("started_at", "id", false, Session::startedAt, Session::id);
    /** A new session's row, written only when its construct exists and its id is not still being purged. */
    private static final String INSERT = "INSERT INTO opstate_sessions (id, construct_id, status, started_at,"
            + " ended_at, metrics, state_version, last_sequence, created_at, updated_at, version)"
            + " SELECT :id, :constructId, :status, <startedAt>, NULL, <metrics>, 0, 0, <now>, <now>, 1"
            + " WHERE EXISTS (SELECT 1 FROM opstate_constructs WHERE id = :constructId)"
            + " AND NOT EXISTS (SELECT 1 FROM opstate_session_purges WHERE session_id = :id)" + RETURNING;

    private final JdbcContext context;
    private final int checkpointsKept;
    private final SessionPurges purges;
    private final SessionMapper mapper;
    private final CheckpointMapper checkpointMapper;
    private final String insertStartedNow;
    private final String insertStartedAt;
    private final String update;
    private final String insertCheckpoint;

    /**
     * @param checkpointsKept how many checkpoints of a session {@link #saveState} keeps, the newest
     * @param purges finishes the purge of a deleted session whose id a new session takes
     */
    public JdbcSessionRepository(JdbcContext context, int checkpointsKept, SessionPurges purges) {
        this.context = context;
        this.checkpointsKept = checkpointsKept;
        this.purges = purges;
        this.mapper = new SessionMapper(context.dialect());
        this.checkpointMapper = new CheckpointMapper(context.dialect());
        String insert = INSERT.replace("<metrics>", context.json("metrics"));
        this.insertStartedNow = insert.replace("<startedAt>", "<now>");
        this.insertStartedAt = insert.replace("<startedAt>", ":startedAt");
        this.update = "UPDATE opstate_sessions SET status = COALESCE(:status, status),"
                + " ended_at = COALESCE(:endedAt, ended_at), metrics = COALESCE(" + context.json("metrics")
                + ", metrics), updated_at = <now>, version = version + 1"
                + " WHERE id = :id AND version = :expectedVersion" + RETURNING;
        this.insertCheckpoint = "INSERT INTO opstate_session_checkpoints (session_id, version, state, saved_at)"
                + " VALUES (:sessionId, :version, " + context.json("state") + ", <now>)"
                + " RETURNING session_id, version, state, saved_at";
    }

    /**
     * Inserts the session. An id still recorded for purging (a session of a deleted construct of
     * that id) is purged first, on this thread, and the insert tried again: to the host a deleted
     * session is gone, so its id is free, as on every backend.
     */
    @Override
    public Session create(NewSession session) {
        return inserted(session).orElseGet(() -> {
            purges.purge(session.id());
            return inserted(session).orElseThrow(() -> new DuplicateKeyException("session", session.id()));
        });
    }

    /** The session inserted, or empty when its id is still being purged. */
    private Optional<Session> inserted(NewSession session) {
        StoreTime.Stamp now = context.now();
        ErrorContext about = ErrorContext.of("session", session.id()).referencing("construct", session.constructId());
        return context.database().write(about, handle -> {
            Optional<Session> inserted = Rows.atMostOne(startedAt(now
                            .bind(handle.createQuery(session.startedAt() == null ? insertStartedNow : insertStartedAt)),
                    session)
                    .bind("id", session.id())
                    .bind("constructId", session.constructId())
                    .bind("status", session.status())
                    .bind("metrics", session.metrics())
                    .map(mapper)
                    .list(), "session insert");
            if (inserted.isEmpty() && !constructExists(handle, session.constructId())) {
                throw new NotFoundException("construct", session.constructId());
            }
            return inserted;
        });
    }

    /** Binds the caller's start time, when the statement has one; else the statement says {@code <now>}. */
    private static Query startedAt(Query insert, NewSession session) {
        return session.startedAt() == null ? insert : insert.bind("startedAt", session.startedAt());
    }

    private static boolean constructExists(Handle handle, String constructId) {
        return handle.createQuery("SELECT COUNT(*) FROM opstate_constructs WHERE id = :id")
                .bind("id", constructId).mapTo(Long.class).one() > 0;
    }

    @Override
    public Optional<Session> find(String id) {
        return context.database().read(ErrorContext.NONE, handle -> find(handle, id));
    }

    @Override
    public Session get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("session", id));
    }

    @Override
    public Session update(String id, long expectedVersion, SessionChanges changes) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("session", id), handle -> Rows.atMostOne(
                        now.bind(handle.createQuery(update))
                                .bind("id", id)
                                .bind("expectedVersion", expectedVersion)
                                .bind("status", changes.status())
                                .bind("endedAt", changes.endedAt())
                                .bind("metrics", changes.metrics())
                                .map(mapper)
                                .list(), "session update")
                .orElseThrow(() -> Rows.versionMismatch(find(handle, id).isPresent(), "session", id,
                        expectedVersion)));
    }

    @Override
    public Page<Session> list(String constructId, PageRequest page) {
        return context.database().readPlain(ErrorContext.NONE, connection -> KEYSET.page(context, connection, SELECT,
                new Filter().equalTo("construct_id", constructId), page, mapper));
    }

    @Override
    public Checkpoint saveState(String sessionId, long expectedStateVersion, String stateJson) {
        StoreTime.Stamp now = context.now();
        long version = expectedStateVersion + 1;
        return context.database().write(ErrorContext.of("session", sessionId), handle -> {
            int moved = handle.createUpdate("UPDATE opstate_sessions SET state_version = :version"
                            + " WHERE id = :id AND state_version = :expected")
                    .bind("id", sessionId)
                    .bind("version", version)
                    .bind("expected", expectedStateVersion)
                    .execute();
            if (moved == 0) {
                if (find(handle, sessionId).isEmpty()) {
                    throw new NotFoundException("session", sessionId);
                }
                throw new StaleVersionException("session state", sessionId, expectedStateVersion);
            }
            Checkpoint saved = now.bind(handle.createQuery(insertCheckpoint))
                    .bind("sessionId", sessionId)
                    .bind("version", version)
                    .bind("state", stateJson)
                    .map(checkpointMapper)
                    .one()
                    .orElseThrow();
            // Only versions below the kept ones: the newest are never touched, so this stays short.
            handle.createUpdate("DELETE FROM opstate_session_checkpoints WHERE session_id = :sessionId"
                            + " AND version <= :oldest")
                    .bind("sessionId", sessionId)
                    .bind("oldest", version - checkpointsKept)
                    .execute();
            return saved;
        });
    }

    @Override
    public Optional<Checkpoint> latestState(String sessionId) {
        return context.database().read(ErrorContext.NONE, handle -> handle.createQuery("SELECT " + CheckpointMapper.COLUMNS
                        + " FROM opstate_sessions s LEFT JOIN opstate_session_checkpoints c"
                        + " ON c.session_id = s.id AND c.version = s.state_version WHERE s.id = :id")
                .bind("id", sessionId)
                .map(checkpointMapper)
                .findOne()
                .orElseThrow(() -> new NotFoundException("session", sessionId)));
    }

    @Override
    public List<Checkpoint> checkpoints(String sessionId) {
        return context.database().read(ErrorContext.NONE, handle -> {
            List<Optional<Checkpoint>> rows = handle.createQuery("SELECT " + CheckpointMapper.COLUMNS
                            + " FROM opstate_sessions s LEFT JOIN opstate_session_checkpoints c ON c.session_id = s.id"
                            + " WHERE s.id = :id ORDER BY c.version DESC")
                    .bind("id", sessionId)
                    .map(checkpointMapper)
                    .list();
            if (rows.isEmpty()) {
                throw new NotFoundException("session", sessionId);
            }
            return rows.stream().flatMap(Optional::stream).toList();
        });
    }

    private Optional<Session> find(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(mapper).findOne();
    }
}
