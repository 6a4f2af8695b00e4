package io.opstate.jdbc.internal;

import io.opstate.NotFoundException;
import io.opstate.constructs.Construct;
import io.opstate.core.CronSchedules;
import io.opstate.core.ImportRules;
import io.opstate.core.search.SearchDocuments;
import io.opstate.executions.Execution;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.jdbc.internal.search.SearchDocument;
import io.opstate.jdbc.internal.search.SearchIndex;
import io.opstate.schedules.Schedule;
import io.opstate.sessions.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Writes schedules, executions, constructs and sessions over the stored rows with the same ids,
 * as they were ({@link io.opstate.imports.RecordImport}'s {@code replace} methods): one
 * {@code UPDATE} per record, so the rows that belong to them (executions, sessions, links,
 * checkpoints, entries) stay. Each batch is one write (joining the thread's transaction, if any);
 * a refused record undoes the batch. Records arrive checked and normalised. Thread-safe.
 */
public final class RecordReplace {
    private final JdbcContext context;
    private final SearchIndex index;
    private final ReadCache cache;
    private final String schedule;
    private final String execution;
    private final String construct;
    private final String session;

    public RecordReplace(JdbcContext context, SearchIndex index, ReadCache cache) {
        this.context = context;
        this.index = index;
        this.cache = cache;
        this.schedule = "UPDATE opstate_schedules SET name = :name, pipeline = :pipeline, cron_expression = :cron,"
                + " time_zone = :zone, enabled = :enabled, next_run_at = :nextRunAt, last_run_at = :lastRunAt,"
                + " last_result = :lastResult, created_at = :createdAt, updated_at = :updatedAt, version = :version"
                + " WHERE id = :id";
        this.execution = "UPDATE opstate_executions SET schedule_id = :scheduleId, job_id = :jobId,"
                + " pipeline = :pipeline, status = :status, started_at = :startedAt, ended_at = :endedAt,"
                + " duration_millis = :durationMillis, error = :error, context = " + context.json("context")
                + ", steps = " + context.json("steps") + ", triggered_by = :triggeredBy, version = :version"
                + " WHERE id = :id";
        this.construct = "UPDATE opstate_constructs SET type = :type, status = :status, title = :title, metadata = "
                + context.json("metadata") + ", created_at = :createdAt, updated_at = :updatedAt, version = :version"
                + " WHERE id = :id";
        this.session = "UPDATE opstate_sessions SET status = :status, started_at = :startedAt, ended_at = :endedAt,"
                + " metrics = " + context.json("metrics") + ", state_version = :stateVersion,"
                + " last_sequence = :lastSequence, created_at = :createdAt, updated_at = :updatedAt,"
                + " version = :version WHERE id = :id";
    }

    /** An enabled schedule without a next run gets the first fire time after the store's now, as an import does. */
    public List<Schedule> replaceSchedules(List<Schedule> schedules) {
        return context.database().write(ErrorContext.NONE, handle -> {
            Instant now = context.time().read(handle);
            List<Schedule> replaced = schedules.stream().map(schedule -> schedule.enabled()
                    && schedule.nextRunAt() == null ? schedule.toBuilder().nextRunAt(CronSchedules.nextRun(
                            schedule.cronExpression(), schedule.timeZone(), now).orElse(null)).build() : schedule)
                    .toList();
            for (Schedule s : replaced) {
                Update update = handle.createUpdate(schedule)
                        .bind("id", s.id())
                        .bind("name", s.name())
                        .bind("pipeline", s.pipeline())
                        .bind("cron", s.cronExpression())
                        .bind("zone", s.timeZone().getId())
                        .bind("enabled", s.enabled())
                        .bindByType("nextRunAt", s.nextRunAt(), Instant.class)
                        .bindByType("lastRunAt", s.lastRunAt(), Instant.class)
                        .bind("lastResult", s.lastResult())
                        .bind("createdAt", s.createdAt())
                        .bind("updatedAt", s.updatedAt())
                        .bind("version", s.version());
                requireOne(update, "schedule", s.id());
            }
            return replaced;
        });
    }

    public List<Execution> replaceExecutions(List<Execution> executions) {
        return context.database().write(ErrorContext.NONE, handle -> {
            for (Execution e : executions) {
                if (e.scheduleId() != null && !exists(handle, "opstate_schedules", e.scheduleId())) {
                    throw new NotFoundException("schedule", e.scheduleId());
                }
                Update update = handle.createUpdate(execution)
                        .bind("id", e.id())
                        .bind("scheduleId", e.scheduleId())
                        .bind("jobId", e.jobId())
                        .bind("pipeline", e.pipeline())
                        .bind("status", e.status().label())
                        .bind("startedAt", e.startedAt())
                        .bindByType("endedAt", e.endedAt(), Instant.class)
                        .bindByType("durationMillis", e.durationMillis(), Long.class)
                        .bind("error", e.error())
                        .bind("context", e.context())
                        .bind("steps", e.steps())
                        .bind("triggeredBy", e.triggeredBy())
                        .bind("version", e.version());
                requireOne(update, "execution", e.id());
            }
            return executions;
        });
    }

    /** The search index is told the new title and metadata, as an update of them tells it. */
    public List<Construct> replaceConstructs(List<Construct> constructs) {
        try {
            return context.database().write(ErrorContext.NONE, handle -> {
                for (Construct c : constructs) {
                    Update update = handle.createUpdate(construct)
                            .bind("id", c.id())
                            .bind("type", c.type())
                            .bind("status", c.status())
                            .bind("title", c.title())
                            .bind("metadata", c.metadata())
                            .bind("createdAt", c.createdAt())
                            .bind("updatedAt", c.updatedAt())
                            .bind("version", c.version());
                    requireOne(update, "construct", c.id());
                    index.replaceConstruct(PlainConnection.of(handle), SearchDocument.ofConstruct(c.id(),
                            c.createdAt(), SearchDocuments.construct(c.title(), c.metadata())));
                }
                return constructs;
            });
        } finally {
            // Also after a failure: a commit whose outcome is unknown may have changed the rows.
            constructs.forEach(c -> cache.constructChanged(c.id()));
        }
    }

    /**
     * A session keeps its construct (its entries carry it), and its state version and last sequence
     * do not fall below the checkpoints and entries the store holds for it.
     */
    public List<Session> replaceSessions(List<Session> sessions) {
        try {
            return context.database().write(ErrorContext.NONE, handle -> {
                for (int i = 0; i < sessions.size(); i++) {
                    Session s = sessions.get(i);
                    Optional<String> constructId = handle.createQuery("SELECT construct_id FROM opstate_sessions"
                            + " WHERE id = :id").bind("id", s.id()).mapTo(String.class).findOne();
                    if (constructId.isEmpty()) {
                        throw new NotFoundException("session", s.id());
                    }
                    long newestCheckpoint = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM"
                            + " opstate_session_checkpoints WHERE session_id = :id").bind("id", s.id())
                            .mapTo(Long.class).one();
                    long lastEntry = handle.createQuery("SELECT COALESCE(MAX(sequence), 0) FROM"
                            + " opstate_transcript_entries WHERE session_id = :id").bind("id", s.id())
                            .mapTo(Long.class).one();
                    ImportRules.sessionReplaceable(i, s, constructId.get(), newestCheckpoint, lastEntry);
                    Update update = handle.createUpdate(session)
                            .bind("id", s.id())
                            .bind("status", s.status())
                            .bind("startedAt", s.startedAt())
                            .bindByType("endedAt", s.endedAt(), Instant.class)
                            .bind("metrics", s.metrics())
                            .bind("stateVersion", s.stateVersion())
                            .bind("lastSequence", s.lastSequence())
                            .bind("createdAt", s.createdAt())
                            .bind("updatedAt", s.updatedAt())
                            .bind("version", s.version());
                    requireOne(update, "session", s.id());
                }
                return sessions;
            });
        } finally {
            cache.sessionsChanged(sessions.stream().map(Session::id).toList());
        }
    }

    private static void requireOne(Update update, String entity, String id) {
        int rows = update.execute();
        if (rows == 0) {
            throw new NotFoundException(entity, id);
        }
        if (rows > 1) {
            throw new IllegalStateException("bug: replacing " + entity + " " + id + " changed " + rows + " rows");
        }
    }

    private static boolean exists(Handle handle, String table, String id) {
        return handle.createQuery("SELECT 1 FROM " + table + " WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).findOne().isPresent();
    }
}
