package io.opstate.benchmarks;

import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionStatus;
import io.opstate.core.search.SearchDocuments;
import io.opstate.history.HistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The raw-JDBC baseline: OpState's operations written by hand on the same driver, connection
 * settings and SQL, returning the same API records, with nothing in between: no validation, no
 * statement templating, no mapper framework, no pool. The limit OpState's overhead is measured
 * against. Thread-safe as {@link RawDb} is.
 */
final class RawStore implements AutoCloseable {
    private static final Clock CLOCK = Clock.systemUTC();
    /** {@code ORDER BY priority DESC, created_at, id}; ids are ASCII, so UTF-16 order is byte order. */
    private static final Comparator<Job> CLAIM_ORDER = Comparator.comparingInt(Job::priority).reversed()
            .thenComparing(Job::createdAt).thenComparing(Job::id);

    private final RawDb db;
    private final RawDialect dialect;
    private final RawSql sql;
    private final SearchIndexSql index;
    private final boolean databaseTime;

    RawStore(BenchEnv env) throws SQLException {
        this.db = new RawDb(env);
        this.dialect = db.dialect();
        this.databaseTime = env.backend().postgres();
        this.sql = new RawSql(dialect, databaseTime ? "FOR UPDATE SKIP LOCKED" : "", databaseTime);
        this.index = new SearchIndexSql(databaseTime);
    }

    private static Instant now() {
        return CLOCK.instant().truncatedTo(ChronoUnit.MICROS);
    }

    Job createJob(String type, String payload) throws SQLException {
        Instant now = now();
        String id = Payloads.uuid7();
        return db.write(c -> insertJob(c, id, type, payload, now));
    }

    /** Inserts {@code count} queued jobs in one transaction (queue prefill, not measured). */
    void createJobs(int count, String type, String payload) throws SQLException {
        Instant now = now();
        db.write(c -> {
            for (int i = 0; i < count; i++) {
                insertJob(c, Payloads.uuid7(), type, payload, now);
            }
            return null;
        });
    }

    private Job insertJob(RawDb.Conn c, String id, String type, String payload, Instant now) throws SQLException {
        NamedSql q = sql.insertJob;
        PreparedStatement s = c.prepare(q);
        q.setString(s, "id", id);
        q.setString(s, "type", type);
        q.setString(s, "stage", null);
        q.setString(s, "message", null);
        q.setString(s, "payload", payload);
        q.setLong(s, "maxAttempts", 3);
        q.setLong(s, "priority", 0);
        stamp(s, q, now);
        dialect.setTime(s, q, "notBefore", null);
        if (databaseTime) {
            return oneJob(c, s);
        }
        int written = s.executeUpdate();
        c.release(s);
        if (written != 1) {
            throw new IllegalStateException("no row written");
        }
        return new Job(id, type, JobStatus.QUEUED, null, null, 0, null, null, payload, null, null, null, 0, 3, 0, now, now,
                null, null, now, null, null, 0, 1, null);
    }

    Optional<Job> claimNext(String workerId, Duration lease) throws SQLException {
        Instant now = now();
        return db.write(c -> {
            NamedSql q = sql.claim;
            PreparedStatement s = c.prepare(q);
            bindClaim(s, q, workerId, lease, now);
            List<Job> jobs = jobs(c, s);
            tokensDrawn(c, jobs);
            return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
        });
    }

    /** Up to {@link ClaimCompleteBench#BATCH} jobs in one statement and one transaction, in claim order. */
    List<Job> claimBatch(String workerId, Duration lease) throws SQLException {
        Instant now = now();
        List<Job> claimed = db.write(c -> {
            NamedSql q = sql.claimBatch;
            PreparedStatement s = c.prepare(q);
            bindClaim(s, q, workerId, lease, now);
            List<Job> jobs = jobs(c, s);
            tokensDrawn(c, jobs);
            return jobs;
        });
        claimed.sort(CLAIM_ORDER); // RETURNING gives rows in no promised order
        return claimed;
    }

    /** As OpState does after a claim: advances the token generator past the claimed tokens where drawing did not. */
    private void tokensDrawn(RawDb.Conn c, List<Job> claimed) throws SQLException {
        if (sql.advanceClaimTokens == null || claimed.isEmpty()) {
            return;
        }
        NamedSql q = sql.advanceClaimTokens;
        PreparedStatement s = c.prepare(q);
        q.setLong(s, "highest", claimed.stream().mapToLong(Job::fencingToken).max().getAsLong());
        s.executeUpdate();
        c.release(s);
    }

    private void bindClaim(PreparedStatement s, NamedSql q, String workerId, Duration lease, Instant now)
            throws SQLException {
        q.setString(s, "workerId", workerId);
        stamp(s, q, now);
        if (databaseTime) {
            q.setLong(s, "leaseMicros", lease.toNanos() / 1_000);
        } else {
            dialect.setTime(s, q, "leaseUntil", now.plus(lease));
        }
    }

    Job complete(String id, long token, String result) throws SQLException {
        Instant now = now();
        return db.write(c -> {
            NamedSql q = sql.complete;
            PreparedStatement s = c.prepare(q);
            q.setString(s, "result", result);
            q.setString(s, "id", id);
            q.setLong(s, "token", token);
            stamp(s, q, now);
            return held(oneJobOrNull(c, s), id);
        });
    }

    Job reportProgress(String id, long token, double progress, String stage) throws SQLException {
        Instant now = now();
        return db.write(c -> {
            NamedSql q = sql.progress;
            PreparedStatement s = c.prepare(q);
            q.setString(s, "stage", stage);
            q.setObject(s, "progress", progress, Types.DOUBLE);
            q.setObject(s, "bytesDone", null, Types.BIGINT);
            q.setObject(s, "bytesTotal", null, Types.BIGINT);
            q.setString(s, "message", null);
            q.setString(s, "id", id);
            q.setLong(s, "token", token);
            stamp(s, q, now);
            return held(oneJobOrNull(c, s), id);
        });
    }

    Optional<Job> findJob(String id) throws SQLException {
        return db.read(c -> {
            PreparedStatement s = c.prepare(sql.jobById);
            sql.jobById.setString(s, "id", id);
            return Optional.ofNullable(oneJobOrNull(c, s));
        });
    }

    /** The first page of {@code limit} jobs with {@code status}, newest first (one extra row tells whether more follow). */
    List<Job> pageByStatus(JobStatus status, int limit) throws SQLException {
        return db.read(c -> {
            NamedSql q = sql.jobsByStatus;
            PreparedStatement s = c.prepare(q);
            q.setString(s, "f0", status.label());
            q.setLong(s, "pageLimit", limit + 1);
            List<Job> rows = jobs(c, s);
            return rows.size() > limit ? rows.subList(0, limit) : rows;
        });
    }

    Execution startExecution(String pipeline, String triggeredBy, String context) throws SQLException {
        Instant now = now();
        String id = Payloads.uuid7();
        return db.write(c -> insertExecution(c, id, pipeline, triggeredBy, context, now));
    }

    /** Finishes a running execution in one statement, the duration computed in SQL from the stored start. */
    Execution finishExecution(String id, ExecutionStatus status, String steps) throws SQLException {
        Instant now = now();
        return db.write(c -> finishExecution(c, id, status, steps, now));
    }

    /**
     * Records {@code count} executions as group commit at its best would: their starts in one
     * transaction, then their finishes in another.
     */
    void recordExecutions(int count, String pipeline, String triggeredBy, String context, String steps)
            throws SQLException {
        Instant started = now();
        List<Execution> running = db.write(c -> {
            List<Execution> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rows.add(insertExecution(c, Payloads.uuid7(), pipeline, triggeredBy, context, started));
            }
            return rows;
        });
        Instant finished = now();
        db.write(c -> {
            for (Execution execution : running) {
                finishExecution(c, execution.id(), ExecutionStatus.SUCCEEDED, steps, finished);
            }
            return null;
        });
    }

    private Execution insertExecution(RawDb.Conn c, String id, String pipeline, String triggeredBy, String context,
                                      Instant now) throws SQLException {
        NamedSql q = sql.startExecution;
        PreparedStatement s = c.prepare(q);
        q.setString(s, "id", id);
        q.setString(s, "scheduleId", null);
        q.setString(s, "jobId", null);
        q.setString(s, "pipeline", pipeline);
        stamp(s, q, now);
        q.setString(s, "context", context);
        q.setString(s, "steps", null);
        q.setString(s, "triggeredBy", triggeredBy);
        return executions(c, s).get(0);
    }

    private Execution finishExecution(RawDb.Conn c, String id, ExecutionStatus status, String steps, Instant now)
            throws SQLException {
        NamedSql q = sql.finishExecution;
        PreparedStatement s = c.prepare(q);
        q.setString(s, "status", status.label());
        stamp(s, q, now);
        q.setString(s, "error", null);
        q.setString(s, "steps", steps);
        q.setString(s, "id", id);
        List<Execution> rows = executions(c, s);
        if (rows.size() != 1) {
            throw new IllegalStateException("execution " + id + " is not running");
        }
        return rows.get(0);
    }

    HistoryEvent appendHistory(String event, String subjectId, String metadata) throws SQLException {
        Instant now = now();
        return db.write(c -> insertHistory(c, event, subjectId, metadata, now));
    }

    /** Appends {@code count} events in one transaction (one commit, one fsync on FULL), as group commit at its best would. */
    void appendHistories(int count, String event, String subjectId, String metadata) throws SQLException {
        Instant now = now();
        db.write(c -> {
            for (int i = 0; i < count; i++) {
                insertHistory(c, event, subjectId, metadata, now);
            }
            return null;
        });
    }

    private HistoryEvent insertHistory(RawDb.Conn c, String event, String subjectId, String metadata, Instant now)
            throws SQLException {
        NamedSql q = sql.appendHistory;
        PreparedStatement s = c.prepare(q);
        q.setString(s, "event", event);
        q.setString(s, "subjectId", subjectId);
        q.setString(s, "metadata", metadata);
        stamp(s, q, now);
        try (ResultSet row = s.executeQuery()) {
            row.next();
            HistoryEvent appended = new HistoryEvent(row.getLong("id"), row.getString("event"),
                    row.getString("subject_id"), row.getString("metadata"), dialect.getTime(row, "occurred_at"));
            c.release(s);
            return appended;
        }
    }

    /**
     * Appends {@code entries} to the session's transcript in one transaction, as OpState does:
     * moves {@code last_sequence} by their number ({@code RETURNING} it with the append's time),
     * inserts them at the numbers freed (one statement for one entry, a JDBC batch for more), and
     * indexes them for search ({@link #index}).
     */
    List<TranscriptEntry> appendEntries(String sessionId, List<NewTranscriptEntry> entries) throws SQLException {
        Instant now = now();
        List<String> words = words(entries);
        return db.write(c -> {
            List<TranscriptEntry> stored = insertEntries(c, sessionId, entries, words, now);
            mergeSlice(c, chars(words));
            return stored;
        });
    }

    /** {@link #appendEntries} without the search index: what an append cost before search, for comparison. */
    List<TranscriptEntry> appendEntriesUnindexed(String sessionId, List<NewTranscriptEntry> entries) throws SQLException {
        Instant now = now();
        return db.write(c -> insertEntries(c, sessionId, entries, null, now));
    }

    /**
     * The group-commit ceiling: one append of {@code entries} to each of {@code sessionIds}, all
     * in one transaction (one commit, one fsync on FULL), as 8 callers would share it at best.
     */
    void appendEntriesGrouped(List<String> sessionIds, List<NewTranscriptEntry> entries) throws SQLException {
        Instant now = now();
        List<String> words = words(entries);
        db.write(c -> {
            for (String sessionId : sessionIds) {
                insertEntries(c, sessionId, entries, words, now);
            }
            mergeSlice(c, sessionIds.size() * chars(words));
            return null;
        });
    }

    /** The index text of each entry, made before the transaction as OpState makes it on the caller's thread. */
    private static List<String> words(List<NewTranscriptEntry> entries) {
        List<String> words = new ArrayList<>(entries.size());
        for (NewTranscriptEntry entry : entries) {
            words.add(SearchDocuments.entry(entry.content()));
        }
        return words;
    }

    /** Inserts the entries at the numbers the move freed; indexes them unless {@code words} is null. */
    private List<TranscriptEntry> insertEntries(RawDb.Conn c, String sessionId, List<NewTranscriptEntry> entries,
                                                List<String> words, Instant now) throws SQLException {
        NamedSql move = sql.moveSequence;
        PreparedStatement m = c.prepare(move);
        move.setLong(m, "count", entries.size());
        move.setString(m, "id", sessionId);
        stamp(m, move, now);
        long last;
        String constructId;
        Instant at;
        try (ResultSet row = m.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("no session " + sessionId);
            }
            constructId = row.getString("construct_id");
            last = row.getLong("last_sequence");
            at = dialect.getTime(row, "appended_at");
        }
        c.release(m);
        NamedSql q = sql.insertEntry;
        PreparedStatement s = c.prepare(q);
        List<TranscriptEntry> stored = new ArrayList<>(entries.size());
        long sequence = last - entries.size();
        for (NewTranscriptEntry entry : entries) {
            sequence++;
            q.setString(s, "sessionId", sessionId);
            q.setString(s, "constructId", constructId);
            q.setLong(s, "sequence", sequence);
            q.setString(s, "role", entry.role());
            q.setString(s, "content", entry.content());
            q.setString(s, "data", entry.data());
            dialect.setTime(s, q, "createdAt", at);
            stored.add(new TranscriptEntry(sessionId, sequence, entry.role(), entry.content(), entry.data(), at));
            if (entries.size() > 1) {
                s.addBatch();
            }
        }
        if (entries.size() > 1) {
            s.executeBatch();
        } else {
            s.executeUpdate();
        }
        c.release(s);
        if (words != null) {
            index(c, constructId, stored, words);
        }
        return stored;
    }

    /**
     * Indexes stored entries as OpState does ({@link SearchIndexSql}): one multi-row insert of
     * their documents returning the ids, then, on SQLite, one multi-row insert of their words into
     * the FTS5 table under those ids; on PostgreSQL the words go in the documents' insert. The
     * transaction then merges a slice of the index once ({@link #mergeSlice}).
     */
    private void index(RawDb.Conn c, String constructId, List<TranscriptEntry> stored, List<String> words)
            throws SQLException {
        int n = stored.size();
        NamedSql documents = index.documents(n);
        PreparedStatement d = c.prepare(documents);
        for (int i = 0; i < n; i++) {
            TranscriptEntry entry = stored.get(i);
            documents.setString(d, "constructId" + i, constructId);
            documents.setString(d, "sessionId" + i, entry.sessionId());
            documents.setLong(d, "sequence" + i, entry.sequence());
            dialect.setTime(d, documents, "createdAt" + i, entry.createdAt());
            if (!index.wordsApart()) {
                documents.setString(d, "words" + i, index.storedWords(words.get(i)));
            }
        }
        long[] ids = new long[n];
        int found = 0;
        try (ResultSet row = d.executeQuery()) {
            while (row.next()) {
                ids[found++] = row.getLong(1);
            }
        }
        c.release(d);
        if (found != n) {
            throw new IllegalStateException(n + " entries, " + found + " search documents inserted");
        }
        if (index.wordsApart()) {
            NamedSql rows = index.indexRows(n);
            PreparedStatement x = c.prepare(rows);
            for (int i = 0; i < n; i++) {
                rows.setLong(x, "id" + i, ids[i]);
                rows.setString(x, "words" + i, index.storedWords(words.get(i)));
            }
            x.executeUpdate();
            c.release(x);
        }
    }

    /**
     * What OpState's indexing transaction runs once after adding words on SQLite: a merge of the
     * FTS5 table's segments in proportion to {@code chars} ({@link SearchIndexSql#mergeSlice}).
     */
    private void mergeSlice(RawDb.Conn c, long chars) throws SQLException {
        NamedSql merge = index.mergeSlice();
        if (merge != null && chars > 0) {
            PreparedStatement m = c.prepare(merge);
            merge.setLong(m, "chars", chars);
            m.executeUpdate();
            c.release(m);
        }
    }

    private static long chars(List<String> words) {
        long chars = 0;
        for (String text : words) {
            chars += text.length();
        }
        return chars;
    }

    /** Binds the host time where the statement takes it as {@code :now} (not under the database clock). */
    private void stamp(PreparedStatement s, NamedSql q, Instant now) throws SQLException {
        if (q.has("now")) {
            dialect.setTime(s, q, "now", now);
        }
    }

    private static Job held(Job job, String id) {
        if (job == null) {
            throw new IllegalStateException("job " + id + " is no longer held");
        }
        return job;
    }

    private Job oneJob(RawDb.Conn c, PreparedStatement s) throws SQLException {
        Job job = oneJobOrNull(c, s);
        if (job == null) {
            throw new IllegalStateException("no row returned");
        }
        return job;
    }

    private Job oneJobOrNull(RawDb.Conn c, PreparedStatement s) throws SQLException {
        List<Job> jobs = jobs(c, s);
        return jobs.isEmpty() ? null : jobs.get(0);
    }

    private List<Job> jobs(RawDb.Conn c, PreparedStatement s) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (ResultSet row = s.executeQuery()) {
            while (row.next()) {
                jobs.add(job(row));
            }
        }
        c.release(s);
        return jobs;
    }

    private Job job(ResultSet row) throws SQLException {
        double progress = row.getDouble("progress");
        Double progressOrNull = row.wasNull() ? null : progress;
        long bytesTotal = row.getLong("bytes_total");
        Long bytesTotalOrNull = row.wasNull() ? null : bytesTotal;
        return new Job(row.getString("id"), row.getString("type"), JobStatus.parse(row.getString("status")),
                row.getString("stage"), progressOrNull, row.getLong("bytes_done"), bytesTotalOrNull,
                row.getString("message"), row.getString("payload"), row.getString("result"), row.getString("error"),
                row.getString("error_detail"), row.getInt("attempts"), row.getInt("max_attempts"),
                row.getInt("priority"), dialect.getTime(row, "created_at"), dialect.getTime(row, "updated_at"),
                dialect.getTime(row, "started_at"), dialect.getTime(row, "finished_at"),
                dialect.getTime(row, "not_before"), row.getString("worker_id"),
                dialect.getTime(row, "lease_expires_at"), row.getLong("claim_token"), row.getLong("version"),
                row.getString("dedup_key"));
    }

    private List<Execution> executions(RawDb.Conn c, PreparedStatement s) throws SQLException {
        List<Execution> executions = new ArrayList<>(1);
        try (ResultSet row = s.executeQuery()) {
            while (row.next()) {
                long duration = row.getLong("duration_millis");
                Long durationOrNull = row.wasNull() ? null : duration;
                executions.add(new Execution(row.getString("id"), row.getString("schedule_id"),
                        row.getString("job_id"), row.getString("pipeline"),
                        ExecutionStatus.parse(row.getString("status")), dialect.getTime(row, "started_at"),
                        dialect.getTime(row, "ended_at"), durationOrNull, row.getString("error"),
                        row.getString("context"), row.getString("steps"), row.getString("triggered_by"),
                        row.getLong("version")));
            }
        }
        c.release(s);
        return executions;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
