package io.opstate.benchmarks;

import io.opstate.jdbc.SqlDialect;
import java.util.function.UnaryOperator;

/**
 * The statements the baseline runs: OpState's own SQL, copied from {@code JobSql}, {@code JobLeases},
 * {@code JdbcExecutionRepository}, {@code JdbcHistoryRepository} and
 * {@code JdbcTranscriptRepository} of persistence-jdbc, with
 * {@code <now>} and {@code <leaseUntil>} as OpState fills them in (host clock on SQLite, the
 * database clock on PostgreSQL). Keep
 * them in step when the library's SQL changes.
 */
final class RawSql {
    static final String JOB_COLUMNS = "id, type, status, stage, progress, bytes_done, bytes_total, message, payload,"
            + " result, error, error_detail, attempts, max_attempts, priority, created_at, updated_at, started_at,"
            + " finished_at, not_before, worker_id, lease_expires_at, claim_token, version, dedup_key";
    static final String EXECUTION_COLUMNS = "id, schedule_id, job_id, pipeline, status, started_at, ended_at,"
            + " duration_millis, error, context, steps, triggered_by, version";
    static final String HISTORY_COLUMNS = "id, event, subject_id, metadata, occurred_at";
    private static final String HELD = " WHERE id = :id AND status = 'running' AND claim_token = :token";
    private static final String CLAIM_ORDER = " ORDER BY priority DESC, created_at, id";
    private static final String ORDER = CLAIM_ORDER + " LIMIT 1";
    /**
     * A batch claim's limit is a literal, as OpState writes it (up to 64 jobs): PostgreSQL plans a
     * statement whose {@code LIMIT} is a parameter anew at every execution.
     */
    private static final String BATCH_ORDER = CLAIM_ORDER + " LIMIT " + ClaimCompleteBench.BATCH;
    private static final String RETURNING_JOB = " RETURNING " + JOB_COLUMNS;

    final NamedSql insertJob;
    final NamedSql claim;
    final NamedSql claimBatch;
    /** Moves the claim-token generator past {@code :highest} after a claim; null where drawing moves it. */
    final NamedSql advanceClaimTokens;
    final NamedSql complete;
    final NamedSql progress;
    final NamedSql jobById;
    final NamedSql jobsByStatus;
    final NamedSql startExecution;
    final NamedSql finishExecution;
    final NamedSql appendHistory;
    /** Moves a session's last sequence number by {@code :count}; copied from {@code JdbcTranscriptRepository}. */
    final NamedSql moveSequence;
    final NamedSql insertEntry;

    /**
     * @param databaseTime whether {@code <now>} is the server's clock (OpState's default on
     *     PostgreSQL: {@code statement_timestamp()}) rather than a bound host time
     */
    RawSql(RawDialect dialect, String claimLock, boolean databaseTime) {
        String lock = claimLock.isEmpty() ? "" : " " + claimLock;
        String now = databaseTime ? "statement_timestamp()" : ":now";
        String leaseUntil = databaseTime ? "statement_timestamp() + :leaseMicros * interval '1 microsecond'" : ":leaseUntil";
        String touch = "updated_at = " + now + ", version = version + 1";
        insertJob = NamedSql.of("INSERT INTO opstate_jobs (id, type, status, stage, bytes_done, message, payload, attempts,"
                + " max_attempts, priority, created_at, updated_at, not_before, claim_token, version)"
                + " VALUES (:id, :type, 'queued', :stage, 0, :message, " + dialect.json("payload")
                + ", 0, :maxAttempts, :priority, " + now + ", " + now + ", COALESCE(:notBefore, " + now + "), 0, 1)"
                // As OpState: where the host stamps the time and JSON is kept as text, the new row is what was bound.
                + (databaseTime ? RETURNING_JOB : ""));
        SqlDialect library = dialect.library();
        UnaryOperator<String> claimJobs = rank -> "UPDATE opstate_jobs SET status = 'running', attempts = attempts + 1,"
                + " claim_token = " + library.claimToken(rank) + ", worker_id = :workerId, started_at = " + now + ","
                + " lease_expires_at = " + leaseUntil + ", finished_at = NULL, " + touch;
        String queued = "SELECT id FROM opstate_jobs WHERE status = 'queued' AND not_before <= " + now;
        String expired = "SELECT id FROM opstate_jobs WHERE status = 'running' AND lease_expires_at <= " + now
                + " AND attempts < max_attempts";
        claim = NamedSql.of(claimJobs.apply("1") + " WHERE id = (SELECT id FROM opstate_jobs WHERE id IN ("
                + "(" + queued + ORDER + lock + "), (" + expired + ORDER + lock + "))" + ORDER + ")" + RETURNING_JOB);
        claimBatch = NamedSql.of(claimJobs.apply("chosen.claim_rank") + " FROM (SELECT id AS chosen_id,"
                + " row_number() OVER (ORDER BY priority DESC, created_at, id) AS claim_rank FROM opstate_jobs WHERE id IN ("
                + "SELECT id FROM (" + queued + BATCH_ORDER + lock + ") candidates0 UNION ALL "
                + "SELECT id FROM (" + expired + BATCH_ORDER + lock + ") candidates1)" + BATCH_ORDER + ") chosen"
                + " WHERE opstate_jobs.id = chosen.chosen_id" + RETURNING_JOB);
        advanceClaimTokens = library.claimTokensNeedAdvancing() ? NamedSql.of(library.advanceClaimTokens()) : null;
        complete = NamedSql.of("UPDATE opstate_jobs SET status = 'succeeded', result = " + dialect.json("result")
                + ", progress = 1.0, finished_at = " + now + ", lease_expires_at = NULL, " + touch + HELD + RETURNING_JOB);
        progress = NamedSql.of("UPDATE opstate_jobs SET stage = COALESCE(:stage, stage),"
                + " progress = COALESCE(:progress, progress), bytes_done = COALESCE(:bytesDone, bytes_done),"
                + " bytes_total = COALESCE(:bytesTotal, bytes_total), message = COALESCE(:message, message), "
                + touch + HELD + RETURNING_JOB);
        jobById = NamedSql.of("SELECT " + JOB_COLUMNS + " FROM opstate_jobs WHERE id = :id");
        jobsByStatus = NamedSql.of("SELECT " + JOB_COLUMNS + " FROM opstate_jobs WHERE status IN (:f0)"
                + " ORDER BY created_at DESC, id DESC LIMIT :pageLimit");
        startExecution = NamedSql.of("INSERT INTO opstate_executions (id, schedule_id, job_id, pipeline, status, started_at,"
                + " context, steps, triggered_by, version) VALUES (:id, :scheduleId, :jobId, :pipeline, 'running',"
                + " " + now + ", " + dialect.json("context") + ", " + dialect.json("steps") + ", :triggeredBy, 1)"
                + " RETURNING " + EXECUTION_COLUMNS);
        finishExecution = NamedSql.of("UPDATE opstate_executions SET status = :status, ended_at = " + now + ","
                + " duration_millis = " + dialect.library().millisBetween("started_at", now) + ", error = :error, steps = COALESCE(" + dialect.json("steps")
                + ", steps), version = version + 1 WHERE id = :id AND status = 'running'"
                + " RETURNING " + EXECUTION_COLUMNS);
        appendHistory = NamedSql.of("INSERT INTO opstate_history (event, subject_id, metadata, occurred_at) VALUES (:event,"
                + " :subjectId, " + dialect.json("metadata") + ", " + now + ") RETURNING " + HISTORY_COLUMNS);
        moveSequence = NamedSql.of("UPDATE opstate_sessions SET last_sequence = last_sequence + :count WHERE id = :id"
                + " RETURNING id, construct_id, last_sequence, " + now + " AS appended_at");
        insertEntry = NamedSql.of("INSERT INTO opstate_transcript_entries (session_id, construct_id, sequence, role,"
                + " content, data, created_at) VALUES (:sessionId, :constructId, :sequence, :role, :content, "
                + dialect.json("data") + ", :createdAt)");
    }
}
