package io.opstate.jdbc.internal.retention;

import io.opstate.core.retention.RetentionStep;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.jdbc.internal.sessions.SessionPurges;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;

/**
 * Finished sessions that ended before a cutoff. A batch deletes the session rows and records them
 * for purging in one transaction, as deleting their construct does; their checkpoints,
 * transcript entries and search texts are then purged on this thread in the purge's own batches.
 */
final class SessionsStep implements RetentionStep {
    private static final String FINISHED = "ended_at IS NOT NULL AND ended_at < :cutoff";
    private static final String ENTRIES = "SELECT COUNT(*) AS entries,"
            + " COALESCE(SUM(LENGTH(content) + COALESCE(LENGTH(CAST(data AS TEXT)), 0)), 0) AS chars"
            + " FROM opstate_transcript_entries WHERE session_id IN ";

    private final JdbcContext context;
    private final SessionPurges purges;
    private final ReadCache cache;
    private final Instant cutoff;

    SessionsStep(JdbcContext context, SessionPurges purges, ReadCache cache, Instant cutoff) {
        this.context = context;
        this.purges = purges;
        this.cache = cache;
        this.cutoff = cutoff;
    }

    @Override
    public RetentionEntity entity() {
        return RetentionEntity.SESSIONS;
    }

    @Override
    public Map<RetentionEntity, RetentionCount> count() {
        return context.database().read(ErrorContext.NONE, handle -> {
            long sessions = handle.createQuery("SELECT COUNT(*) FROM opstate_sessions WHERE " + FINISHED)
                    .bind("cutoff", cutoff).mapTo(Long.class).one();
            RetentionCount entries = handle.createQuery(ENTRIES + "(SELECT id FROM opstate_sessions WHERE "
                    + FINISHED + ")").bind("cutoff", cutoff).map(SessionsStep::entries).one();
            return Map.of(RetentionEntity.SESSIONS, RetentionCount.rows(sessions),
                    RetentionEntity.TRANSCRIPT_ENTRIES, entries);
        });
    }

    @Override
    public Map<RetentionEntity, RetentionCount> removeBatch(int limit) {
        StoreTime.Stamp now = context.now();
        AtomicReference<List<String>> deleted = new AtomicReference<>(List.of());
        RetentionCount entries;
        try {
            entries = context.database().write(ErrorContext.NONE, handle -> {
                List<String> ids = handle.createQuery("SELECT id FROM opstate_sessions WHERE " + FINISHED
                        + " LIMIT :limit " + context.dialect().rowLockClause())
                        .bind("cutoff", cutoff).bind("limit", limit).mapTo(String.class).list();
                deleted.set(ids);
                return ids.isEmpty() ? new RetentionCount(0, 0) : deleteSessions(handle, ids, now);
            });
        } finally {
            cache.sessionsChanged(deleted.get());
        }
        for (String sessionId : deleted.get()) {
            purges.purge(sessionId);
        }
        return Map.of(RetentionEntity.SESSIONS, RetentionCount.rows(deleted.get().size()),
                RetentionEntity.TRANSCRIPT_ENTRIES, entries);
    }

    private static RetentionCount deleteSessions(Handle handle, List<String> ids, StoreTime.Stamp now) {
        RetentionCount entries = handle.createQuery(ENTRIES + "(<ids>)").bindList("ids", ids)
                .map(SessionsStep::entries).one();
        now.bind(handle.createUpdate("INSERT INTO opstate_session_purges (session_id, construct_id, requested_at)"
                + " SELECT id, construct_id, <now> FROM opstate_sessions WHERE id IN (<ids>)"))
                .bindList("ids", ids).execute();
        handle.createUpdate("DELETE FROM opstate_sessions WHERE id IN (<ids>)").bindList("ids", ids).execute();
        return entries;
    }

    private static RetentionCount entries(java.sql.ResultSet row, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new RetentionCount(row.getLong("entries"), row.getLong("chars"));
    }
}
