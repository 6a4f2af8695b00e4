package io.opstate.jdbc.internal.jobs;

import io.opstate.ConflictException;
import io.opstate.InvalidInputException;
import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.PersistenceException;
import io.opstate.core.JobRules;
import io.opstate.internal.UserText;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowUpdate;
import io.opstate.jdbc.internal.MultiRowWrite.Row;
import io.opstate.jdbc.internal.Params;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.PlainJdbc;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The worker's side of the job lifecycle: claiming under a lease (the next job, a batch, or one
 * job by id; claims of several workers at one moment share a statement, {@link JobClaims}), each
 * claim drawing its fencing token from the store's one generator
 * ({@link io.opstate.jdbc.SqlDialect#claimToken}), and the token-guarded changes a holder makes
 * (renew, progress, complete, fail), plus the sweep of expired leases. Each is one statement (a
 * claim on a dialect whose generator is a counter row adds one that advances it); a guarded
 * statement that matches no row is explained by reading the job: missing is
 * {@link NotFoundException}; a progress report whose bytes do not fit the total is
 * {@link InvalidInputException}; anything else {@link LeaseLostException}.
 */
final class JobLeases {
    private static final String RENEW = "UPDATE opstate_jobs SET lease_expires_at = <leaseUntil>, " + JobSql.TOUCH
            + JobSql.HELD + JobSql.RETURNING;
    /** The bytes done and total a progress report leaves: reported, else stored. */
    private static final String DONE_AFTER = "COALESCE(:bytesDone, bytes_done)";
    private static final String TOTAL_AFTER = "COALESCE(:bytesTotal, bytes_total)";
    /** As {@link JobRules#progressAfter}: the reported fraction, else bytes over a known total when bytes were reported. */
    private static final String PROGRESS_AFTER = "CASE WHEN :progress IS NOT NULL THEN :progress"
            + " WHEN (:bytesDone IS NOT NULL OR :bytesTotal IS NOT NULL) AND " + TOTAL_AFTER + " > 0"
            + " THEN CAST(" + DONE_AFTER + " AS DOUBLE PRECISION) / " + TOTAL_AFTER + " ELSE progress END";
    /** As {@link JobRules#bytesRefusal}: the row matches only if bytes done stay within a known total. */
    private static final String BYTES_FIT = " AND ((:bytesDone IS NULL AND :bytesTotal IS NULL) OR " + TOTAL_AFTER
            + " IS NULL OR " + DONE_AFTER + " <= " + TOTAL_AFTER + ")";
    private static final String PROGRESS = "UPDATE opstate_jobs SET stage = COALESCE(:stage, stage),"
            + " progress = " + PROGRESS_AFTER + ", bytes_done = " + DONE_AFTER + ", bytes_total = " + TOTAL_AFTER + ","
            + " message = COALESCE(:message, message), " + JobSql.TOUCH + JobSql.HELD + BYTES_FIT + JobSql.RETURNING;
    /**
     * How often a progress report is tried when its statement matched no row although the job, read
     * right after, was held and the report fit: the worker's own concurrent report changed the bytes
     * in between.
     */
    private static final int PROGRESS_TRIES = 3;
    /** A failure asking for a retry requeues the job while attempts remain; else it ends failed. */
    private static final String RETRYING = "CASE WHEN :retry AND attempts < max_attempts";
    private static final String FAIL = "UPDATE opstate_jobs SET error = :error, error_detail = :detail,"
            + " status = " + RETRYING + " THEN " + JobSql.QUEUED + " ELSE " + JobSql.FAILED + " END,"
            + " not_before = " + RETRYING + " THEN :retryAt ELSE not_before END,"
            + " finished_at = " + RETRYING + " THEN NULL ELSE <now> END,"
            + " lease_expires_at = NULL, " + JobSql.TOUCH + JobSql.HELD + JobSql.RETURNING;
    private static final String ATTEMPTS_LEFT = "CASE WHEN attempts < max_attempts";
    private static final String REQUEUE_EXPIRED = "UPDATE opstate_jobs SET"
            + " status = " + ATTEMPTS_LEFT + " THEN " + JobSql.QUEUED + " ELSE " + JobSql.FAILED + " END,"
            + " not_before = " + ATTEMPTS_LEFT + " THEN <now> ELSE not_before END,"
            + " error = " + ATTEMPTS_LEFT + " THEN error ELSE 'lease expired' END,"
            + " finished_at = " + ATTEMPTS_LEFT + " THEN NULL ELSE <now> END,"
            + " lease_expires_at = NULL, " + JobSql.TOUCH
            + " WHERE status = " + JobSql.RUNNING + " AND lease_expires_at <= <now>";

    private final JdbcContext context;
    private final JobMapper mapper;
    private final JobLookup lookup;
    private final CompiledSql renew;
    private final CompiledSql progress;
    private final CompiledSql claimById;
    private final CompiledSql complete;
    private final MultiRowUpdate<JobCompletions.Completion, Job> completions;
    private final CompiledSql fail;
    private final JobClaims claims;

    JobLeases(JdbcContext context, JobSql sql, JobMapper mapper, JobLookup lookup) {
        this.context = context;
        this.mapper = mapper;
        this.lookup = lookup;
        this.renew = context.compile(RENEW);
        this.progress = context.compile(PROGRESS);
        this.claimById = context.compile(sql.claimById());
        this.complete = context.compile(sql.complete);
        this.completions = JobCompletions.update(context, mapper, this::completeAlone);
        this.fail = context.compile(FAIL);
        this.claims = new JobClaims(context, sql, mapper);
    }

    /** Claims that meet in a batch share one statement ({@link JobClaims}). */
    Optional<Job> claimNext(String workerId, Set<String> types, Duration lease) {
        return claimBatch(workerId, types, lease, 1).stream().findFirst();
    }

    Optional<Job> claim(String id, String workerId, Duration lease) {
        StoreTime.Stamp now = context.now();
        return context.database().writePlain(ErrorContext.of("job", id), connection -> {
            Optional<Job> claimed = context.jdbc().queryAtMostOne(connection, claimById,
                    params -> now.bindLease(params, lease).text("workerId", workerId).text("id", id), mapper);
            if (claimed.isPresent()) {
                claims.tokensDrawn(connection, claimed.get().fencingToken());
            } else if (lookup.find(connection, id).isEmpty()) {
                throw new NotFoundException("job", id);
            }
            return claimed;
        });
    }

    /** Claims that meet in a batch share one statement ({@link JobClaims}); the jobs in claim order. */
    List<Job> claimBatch(String workerId, Set<String> types, Duration lease, int maxJobs) {
        JobClaims.Claim claim = new JobClaims.Claim(workerId, types == null ? List.of() : List.copyOf(types), lease,
                maxJobs, context.now());
        return context.database().write(ErrorContext.NONE, claims, claim);
    }

    Job renewLease(String id, long fencingToken, Duration lease) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, renew, params -> now.bindLease(params, lease));
    }

    /**
     * One guarded statement; when it matches no row, the job read on the same connection says why:
     * missing, not held under this token, or bytes done beyond the total ({@link JobRules#bytesRefusal}).
     */
    Job reportProgress(String id, long fencingToken, JobProgress change) {
        StoreTime.Stamp now = context.now();
        return context.database().writePlain(ErrorContext.of("job", id), connection -> {
            for (int tries = 1; ; tries++) {
                Optional<Job> reported = context.jdbc().queryAtMostOne(connection, progress, params -> now.bind(params)
                        .text("stage", change.stage())
                        .decimal("progress", change.progress())
                        .bigint("bytesDone", change.bytesDone())
                        .bigint("bytesTotal", change.bytesTotal())
                        .text("message", change.message())
                        .text("id", id)
                        .bigint("token", fencingToken), mapper);
                if (reported.isPresent()) {
                    return reported.get();
                }
                Job job = lookup.find(connection, id).orElseThrow(() -> new NotFoundException("job", id));
                if (job.status() != JobStatus.RUNNING || job.fencingToken() != fencingToken) {
                    throw new LeaseLostException(id, fencingToken);
                }
                InvalidInputException refusal = JobRules.bytesRefusal(job, change);
                if (refusal != null) {
                    throw refusal;
                }
                if (tries == PROGRESS_TRIES) {
                    throw new ConflictException("job", id, "job " + UserText.quoted(id)
                            + " kept changing while its progress was reported; report again");
                }
            }
        });
    }

    /** Completions of several workers at the same moment share one statement ({@link JobCompletions}). */
    Job complete(String id, long fencingToken, String resultJson) {
        return context.database().write(ErrorContext.of("job", id), completions,
                new Row<>(new JobCompletions.Completion(id, fencingToken, resultJson), context.now()));
    }

    private Job completeAlone(PlainConnection connection, Row<JobCompletions.Completion> row) {
        JobCompletions.Completion completion = row.value();
        return heldOn(connection, completion.id(), completion.token(), complete,
                params -> row.now().bind(params).text("result", completion.result()));
    }

    Job fail(String id, long fencingToken, JobFailure failure) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, fail, params -> now.bind(params)
                .text("error", failure.error())
                .text("detail", failure.detail())
                .bool("retry", failure.retryAt() != null)
                .time("retryAt", failure.retryAt()));
    }

    int requeueExpiredLeases() {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.NONE,
                handle -> now.bind(handle.createUpdate(REQUEUE_EXPIRED)).execute());
    }

    /** Runs a statement guarded by {@link JobSql#HELD}: the job must be running under this token. */
    private Job held(String id, long fencingToken, CompiledSql statement, PlainJdbc.Binder change) {
        return context.database().writePlain(ErrorContext.of("job", id),
                connection -> heldOn(connection, id, fencingToken, statement, change));
    }

    private Job heldOn(PlainConnection connection, String id, long fencingToken, CompiledSql statement,
                       PlainJdbc.Binder change) {
        return context.jdbc()
                .queryAtMostOne(connection, statement, params -> {
                    change.bind(params);
                    params.text("id", id).bigint("token", fencingToken);
                }, mapper)
                .orElseThrow(() -> leaseLost(connection, id, fencingToken));
    }

    private PersistenceException leaseLost(PlainConnection connection, String id, long fencingToken) {
        return lookup.find(connection, id).isPresent()
                ? new LeaseLostException(id, fencingToken)
                : new NotFoundException("job", id);
    }
}
