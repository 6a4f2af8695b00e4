package io.opstate.jdbc.internal.jobs;

import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.PersistenceException;
import io.opstate.core.StoreOrder;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's side of the job lifecycle: claiming under a lease, each claim drawing its fencing
 * token from the store's one generator ({@link io.opstate.jdbc.SqlDialect#claimToken}), and the
 * token-guarded changes a holder makes (renew, progress, complete, fail), plus the sweep of
 * expired leases. Each is one statement (a claim on a dialect whose generator is a counter row
 * adds one that advances it); a guarded statement that matches no row is explained by reading the
 * job: missing is {@link NotFoundException}, anything else {@link LeaseLostException}.
 */
final class JobLeases {
    private static final String RENEW = "UPDATE opstate_jobs SET lease_expires_at = <leaseUntil>, " + JobSql.TOUCH
            + JobSql.HELD + JobSql.RETURNING;
    private static final String PROGRESS = "UPDATE opstate_jobs SET stage = COALESCE(:stage, stage),"
            + " progress = COALESCE(:progress, progress), bytes_done = COALESCE(:bytesDone, bytes_done),"
            + " bytes_total = COALESCE(:bytesTotal, bytes_total), message = COALESCE(:message, message), "
            + JobSql.TOUCH + JobSql.HELD + JobSql.RETURNING;
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
    private final JobSql sql;
    private final JobMapper mapper;
    private final JobLookup lookup;
    private final CompiledSql renew;
    private final CompiledSql progress;
    private final CompiledSql complete;
    private final MultiRowUpdate<JobCompletions.Completion, Job> completions;
    private final CompiledSql fail;
    /** The claim statement for n job types at index n (0: any type), compiled on first use. */
    private final ConcurrentHashMap<Integer, CompiledSql> claims = new ConcurrentHashMap<>();
    /** The same for batch claims. */
    private final ConcurrentHashMap<Integer, CompiledSql> batchClaims = new ConcurrentHashMap<>();
    /** Advances the claim-token generator after a claim; null where drawing a token advances it. */
    private final CompiledSql advanceTokens;

    JobLeases(JdbcContext context, JobSql sql, JobMapper mapper, JobLookup lookup) {
        this.context = context;
        this.sql = sql;
        this.mapper = mapper;
        this.lookup = lookup;
        this.renew = context.compile(RENEW);
        this.progress = context.compile(PROGRESS);
        this.complete = context.compile(sql.complete);
        this.completions = JobCompletions.update(context, mapper, this::completeAlone);
        this.fail = context.compile(FAIL);
        this.advanceTokens = context.dialect().claimTokensNeedAdvancing()
                ? context.compile(context.dialect().advanceClaimTokens())
                : null;
    }

    Optional<Job> claimNext(String workerId, Set<String> types, Duration lease) {
        StoreTime.Stamp now = context.now();
        List<String> typeList = types == null ? List.of() : new ArrayList<>(types);
        CompiledSql claim = claims.computeIfAbsent(typeList.size(), count -> context.compile(sql.claim(typeNames(count))));
        return context.database().writePlain(ErrorContext.NONE, connection -> {
            Optional<Job> claimed = context.jdbc().queryAtMostOne(connection, claim,
                    params -> bindClaim(params, now, workerId, typeList, lease), mapper);
            claimed.ifPresent(job -> tokensDrawn(connection, job.fencingToken()));
            return claimed;
        });
    }

    List<Job> claimBatch(String workerId, Set<String> types, Duration lease, int maxJobs) {
        StoreTime.Stamp now = context.now();
        List<String> typeList = types == null ? List.of() : new ArrayList<>(types);
        CompiledSql claim = batchClaims.computeIfAbsent(typeList.size(),
                count -> context.compile(sql.claimBatch(typeNames(count))));
        List<Job> claimed = new ArrayList<>(context.database().writePlain(ErrorContext.NONE, connection -> {
            List<Job> jobs = context.jdbc().query(connection, claim, params -> bindClaim(params, now, workerId, typeList,
                    lease).integer("maxJobs", maxJobs), mapper);
            if (!jobs.isEmpty()) {
                tokensDrawn(connection, jobs.stream().mapToLong(Job::fencingToken).max().getAsLong());
            }
            return jobs;
        }));
        claimed.sort(StoreOrder.CLAIM); // RETURNING gives rows in no promised order
        return claimed;
    }

    /**
     * After a claim drew tokens up to {@code highest}, in its transaction: advances the generator
     * past them where drawing only read it ({@link io.opstate.jdbc.SqlDialect#claimTokensNeedAdvancing()}).
     * A claim that took nothing writes nothing.
     */
    private void tokensDrawn(PlainConnection connection, long highest) {
        if (advanceTokens != null) {
            context.jdbc().update(connection, advanceTokens, params -> params.bigint("highest", highest));
        }
    }

    private static Params bindClaim(Params params, StoreTime.Stamp now, String workerId, List<String> types,
                                    Duration lease) throws SQLException {
        now.bindLease(params, lease).text("workerId", workerId);
        for (int i = 0; i < types.size(); i++) {
            params.text("type" + i, types.get(i));
        }
        return params;
    }

    private static String[] typeNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "type" + i;
        }
        return names;
    }

    Job renewLease(String id, long fencingToken, Duration lease) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, renew, params -> now.bindLease(params, lease));
    }

    Job reportProgress(String id, long fencingToken, JobProgress change) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, progress, params -> now.bind(params)
                .text("stage", change.stage())
                .decimal("progress", change.progress())
                .bigint("bytesDone", change.bytesDone())
                .bigint("bytesTotal", change.bytesTotal())
                .text("message", change.message()));
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
