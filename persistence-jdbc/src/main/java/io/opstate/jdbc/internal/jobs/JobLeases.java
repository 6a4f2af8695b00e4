package io.opstate.jdbc.internal.jobs;

import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.PersistenceException;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The worker's side of the job lifecycle: claiming under a lease, and the fencing-token guarded
 * changes a holder makes (renew, progress, complete, fail), plus the sweep of expired leases.
 * Each is one statement; a guarded statement that matches no row is explained by reading the
 * job: missing is {@link NotFoundException}, anything else {@link LeaseLostException}.
 */
final class JobLeases {
    private static final String RENEW = "UPDATE jobs SET lease_expires_at = <leaseUntil>, " + JobSql.TOUCH
            + JobSql.HELD + JobSql.RETURNING;
    private static final String PROGRESS = "UPDATE jobs SET stage = COALESCE(:stage, stage),"
            + " progress = COALESCE(:progress, progress), bytes_done = COALESCE(:bytesDone, bytes_done),"
            + " bytes_total = COALESCE(:bytesTotal, bytes_total), message = COALESCE(:message, message), "
            + JobSql.TOUCH + JobSql.HELD + JobSql.RETURNING;
    /** A failure asking for a retry requeues the job while attempts remain; else it ends failed. */
    private static final String RETRYING = "CASE WHEN :retry AND attempts < max_attempts";
    private static final String FAIL = "UPDATE jobs SET error = :error, error_detail = :detail,"
            + " status = " + RETRYING + " THEN " + JobSql.QUEUED + " ELSE " + JobSql.FAILED + " END,"
            + " not_before = " + RETRYING + " THEN :retryAt ELSE not_before END,"
            + " finished_at = " + RETRYING + " THEN NULL ELSE <now> END,"
            + " lease_expires_at = NULL, " + JobSql.TOUCH + JobSql.HELD + JobSql.RETURNING;
    private static final String ATTEMPTS_LEFT = "CASE WHEN attempts < max_attempts";
    private static final String REQUEUE_EXPIRED = "UPDATE jobs SET"
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

    JobLeases(JdbcContext context, JobSql sql, JobMapper mapper, JobLookup lookup) {
        this.context = context;
        this.sql = sql;
        this.mapper = mapper;
        this.lookup = lookup;
    }

    Optional<Job> claimNext(String workerId, Set<String> types, Duration lease) {
        StoreTime.Stamp now = context.now();
        List<String> typeList = types == null ? List.of() : new ArrayList<>(types);
        String[] names = new String[typeList.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = "type" + i;
        }
        return context.database().write(ErrorContext.NONE, handle -> {
            Query claim = now.bindLease(handle.createQuery(sql.claim(names)), lease)
                    .bind("workerId", workerId);
            for (int i = 0; i < names.length; i++) {
                claim.bind(names[i], typeList.get(i));
            }
            return Rows.atMostOne(claim.map(mapper).list(), "claimNext");
        });
    }

    Job renewLease(String id, long fencingToken, Duration lease) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, handle -> now.bindLease(handle.createQuery(RENEW), lease));
    }

    Job reportProgress(String id, long fencingToken, JobProgress progress) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, handle -> now.bind(handle.createQuery(PROGRESS))
                .bind("stage", progress.stage())
                .bind("progress", progress.progress())
                .bind("bytesDone", progress.bytesDone())
                .bind("bytesTotal", progress.bytesTotal())
                .bind("message", progress.message()));
    }

    Job complete(String id, long fencingToken, String resultJson) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, handle -> now.bind(handle.createQuery(sql.complete))
                .bind("result", resultJson));
    }

    Job fail(String id, long fencingToken, JobFailure failure) {
        StoreTime.Stamp now = context.now();
        return held(id, fencingToken, handle -> now.bind(handle.createQuery(FAIL))
                .bind("error", failure.error())
                .bind("detail", failure.detail())
                .bind("retry", failure.retryAt() != null)
                .bindByType("retryAt", failure.retryAt(), Instant.class));
    }

    int requeueExpiredLeases() {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.NONE,
                handle -> now.bind(handle.createUpdate(REQUEUE_EXPIRED)).execute());
    }

    /** Runs a statement guarded by {@link JobSql#HELD}: the job must be running under this token. */
    private Job held(String id, long fencingToken, Function<Handle, Query> statement) {
        return context.database().write(ErrorContext.of("job", id), handle -> {
            Query query = statement.apply(handle).bind("id", id).bind("token", fencingToken);
            return Rows.atMostOne(query.map(mapper).list(), "job lease update")
                    .orElseThrow(() -> leaseLost(handle, id, fencingToken));
        });
    }

    private PersistenceException leaseLost(Handle handle, String id, long fencingToken) {
        return lookup.find(handle, id).isPresent()
                ? new LeaseLostException(id, fencingToken)
                : new NotFoundException("job", id);
    }
}
