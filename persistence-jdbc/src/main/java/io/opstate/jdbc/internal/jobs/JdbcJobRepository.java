package io.opstate.jdbc.internal.jobs;

import io.opstate.IllegalTransitionException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.PersistenceException;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The shared SQL implementation of {@link JobRepository}. Worker-side transitions live in
 * {@link JobLeases}; this class enqueues, reads, lists, and performs the administrative
 * transitions (retry, cancel). Input is valid and normalised by {@code ValidatingDatastore}.
 * Thread-safe.
 */
public final class JdbcJobRepository implements JobRepository {
    private static final String RETRY = "UPDATE opstate_jobs SET status = " + JobSql.QUEUED + ","
            + " not_before = COALESCE(:notBefore, <now>), finished_at = NULL, " + JobSql.TOUCH
            + " WHERE id = :id AND status = " + JobSql.FAILED + " AND attempts < max_attempts" + JobSql.RETURNING;
    private static final String CANCEL = "UPDATE opstate_jobs SET status = " + JobSql.CANCELLED + ", finished_at = <now>,"
            + " lease_expires_at = NULL, " + JobSql.TOUCH
            + " WHERE id = :id AND status IN (" + JobSql.QUEUED + ", " + JobSql.RUNNING + ")" + JobSql.RETURNING;
    private static final String DELETE_FINISHED = "DELETE FROM opstate_jobs WHERE status IN (" + JobSql.TERMINAL + ")"
            + " AND finished_at < :cutoff";
    private static final Keyset<Job> KEYSET = new Keyset<>("created_at", "id", false, Job::createdAt, Job::id);

    private final JdbcContext context;
    private final JobSql sql;
    private final JobMapper mapper;
    private final JobLookup lookup;
    private final JobLeases leases;
    private final MultiRowInsert<NewJob, Job> inserts;

    public JdbcJobRepository(JdbcContext context) {
        this.context = context;
        this.sql = new JobSql(context.dialect());
        this.mapper = new JobMapper(context.dialect());
        this.lookup = new JobLookup(context, mapper);
        this.leases = new JobLeases(context, sql, mapper, lookup);
        this.inserts = new MultiRowInsert<>(context, JobSql.INSERT_INTO, JobSql.RETURNING, mapper, new JobInserts(sql));
    }

    @Override
    public Job create(NewJob job) {
        return inserts.insert(job);
    }

    @Override
    public List<Job> createAll(List<NewJob> jobs) {
        StoreTime.Stamp now = context.now();
        return context.database().writePlain(ErrorContext.NONE, connection -> inserts.insertEach(connection, jobs, now));
    }

    @Override
    public Optional<Job> find(String id) {
        return context.database().readPlain(ErrorContext.NONE, connection -> lookup.find(connection, id));
    }

    @Override
    public Job get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    @Override
    public Optional<Job> claimNext(String workerId, Set<String> types, Duration lease) {
        return leases.claimNext(workerId, types, lease);
    }

    @Override
    public List<Job> claimBatch(String workerId, Set<String> types, Duration lease, int maxJobs) {
        return leases.claimBatch(workerId, types, lease, maxJobs);
    }

    @Override
    public Job renewLease(String id, long fencingToken, Duration lease) {
        return leases.renewLease(id, fencingToken, lease);
    }

    @Override
    public Job reportProgress(String id, long fencingToken, JobProgress progress) {
        return leases.reportProgress(id, fencingToken, progress);
    }

    @Override
    public Job complete(String id, long fencingToken, String resultJson) {
        return leases.complete(id, fencingToken, resultJson);
    }

    @Override
    public Job fail(String id, long fencingToken, JobFailure failure) {
        return leases.fail(id, fencingToken, failure);
    }

    @Override
    public Job retry(String id, Instant notBefore) {
        StoreTime.Stamp now = context.now();
        return transition(id, JobStatus.QUEUED, handle -> now.bind(handle.createQuery(RETRY))
                        .bindByType("notBefore", notBefore, Instant.class),
                job -> job.status() != JobStatus.FAILED
                        ? "only failed jobs can be retried"
                        : "no attempts left (" + job.attempts() + " of " + job.maxAttempts() + " used)");
    }

    @Override
    public Job cancel(String id) {
        StoreTime.Stamp now = context.now();
        return transition(id, JobStatus.CANCELLED, handle -> now.bind(handle.createQuery(CANCEL)),
                job -> "it already finished");
    }

    @Override
    public int requeueExpiredLeases() {
        return leases.requeueExpiredLeases();
    }

    @Override
    public Page<Job> list(JobQuery query, PageRequest page) {
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, JobSql.SELECT, filter(query), page, mapper));
    }

    @Override
    public Map<JobStatus, Long> countByStatus(JobQuery query) {
        Filter filter = filter(query);
        CompiledSql count = context.compile("SELECT status, COUNT(*) AS jobs FROM opstate_jobs" + filter.sql()
                + " GROUP BY status");
        return context.database().readPlain(ErrorContext.NONE, connection -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            for (JobStatus status : JobStatus.values()) {
                counts.put(status, 0L);
            }
            context.jdbc().query(connection, count, filter::bind,
                            (row, ctx) -> Map.entry(JobStatus.parse(row.getString("status")), row.getLong("jobs")))
                    .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
            return counts;
        });
    }

    @Override
    public boolean delete(String id) {
        return context.database().write(ErrorContext.NONE,
                handle -> handle.createUpdate("DELETE FROM opstate_jobs WHERE id = :id").bind("id", id).execute()) > 0;
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return context.database().write(ErrorContext.NONE,
                handle -> handle.createUpdate(DELETE_FINISHED).bind("cutoff", cutoff).execute());
    }

    /**
     * Runs a status-guarded transition; when it matches no row, reads the job to say why:
     * missing, or not in a state the transition starts from.
     */
    private Job transition(String id, JobStatus to, Function<Handle, Query> statement, Function<Job, String> reason) {
        return context.database().write(ErrorContext.of("job", id), handle -> {
            Query query = statement.apply(handle).bind("id", id);
            return Rows.atMostOne(query.map(mapper).list(), "job " + to.label() + " transition")
                    .orElseThrow(() -> refused(handle, id, to, reason));
        });
    }

    private PersistenceException refused(Handle handle, String id, JobStatus to, Function<Job, String> reason) {
        return lookup.find(PlainConnection.of(handle), id)
                .<PersistenceException>map(job -> new IllegalTransitionException(
                        "job", id, job.status().label(), to.label(), reason.apply(job)))
                .orElseGet(() -> new NotFoundException("job", id));
    }

    private static Filter filter(JobQuery query) {
        List<String> statuses = query.statuses().stream().map(JobStatus::label).toList();
        return new Filter()
                .in("type", query.types())
                .inLabels("status", statuses)
                .atLeast("created_at", query.createdFrom())
                .before("created_at", query.createdBefore());
    }
}
