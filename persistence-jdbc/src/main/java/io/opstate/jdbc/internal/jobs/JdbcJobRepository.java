package io.opstate.jdbc.internal.jobs;

import io.opstate.ConflictException;
import io.opstate.DuplicateDedupKeyException;
import io.opstate.DuplicateKeyException;
import io.opstate.IllegalTransitionException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.PersistenceException;
import io.opstate.internal.UserText;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.MultiRowWrite;
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
import java.util.ArrayList;
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
    /** Requeues a failed job with attempts left, unless another unfinished job holds its dedup key. */
    private static final String RETRY = "UPDATE opstate_jobs SET status = " + JobSql.QUEUED + ","
            + " not_before = COALESCE(:notBefore, <now>), finished_at = NULL, " + JobSql.TOUCH
            + " WHERE id = :id AND status = " + JobSql.FAILED + " AND attempts < max_attempts"
            + " AND (dedup_key IS NULL OR NOT EXISTS (SELECT 1 FROM opstate_jobs holder"
            + " WHERE holder.dedup_key = opstate_jobs.dedup_key AND " + JobSql.holdsDedupKey("holder.") + "))"
            + JobSql.RETURNING;
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
    private final JobDedupKeys dedupKeys;
    private final CompiledSql oldestClaimable;

    public JdbcJobRepository(JdbcContext context) {
        this.context = context;
        this.sql = new JobSql(context.dialect());
        this.mapper = new JobMapper(context.dialect());
        this.lookup = new JobLookup(context, mapper);
        this.leases = new JobLeases(context, sql, mapper, lookup);
        JobInserts rows = new JobInserts(sql);
        this.inserts = new MultiRowInsert<>(context, JobSql.INSERT_INTO, JobSql.RETURNING, mapper, rows);
        this.dedupKeys = new JobDedupKeys(context, sql, rows, mapper, lookup);
        this.oldestClaimable = context.compile(JobSql.OLDEST_CLAIMABLE);
    }

    /** A job with a dedup key is inserted on its own ({@link JobDedupKeys}); others may share a multi-row insert. */
    @Override
    public Job create(NewJob job) {
        if (job.dedupKey() == null) {
            return inserts.insert(job);
        }
        StoreTime.Stamp now = context.now();
        return context.database().writePlain(ErrorContext.of("job", job.id()),
                connection -> dedupKeys.create(connection, new MultiRowWrite.Row<>(job, now)));
    }

    @Override
    public List<Job> createAll(List<NewJob> jobs) {
        StoreTime.Stamp now = context.now();
        return context.database().writePlain(ErrorContext.NONE, connection -> {
            List<Job> created = new ArrayList<>(jobs.size());
            for (NewJob job : jobs) {
                MultiRowWrite.Row<NewJob> row = new MultiRowWrite.Row<>(job, now);
                created.add(job.dedupKey() == null ? inserts.insertOne(connection, row) : dedupKeys.create(connection, row));
            }
            return created;
        });
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
    public Optional<Job> findUnfinishedByDedupKey(String dedupKey) {
        return context.database().readPlain(ErrorContext.NONE,
                connection -> lookup.unfinishedByDedupKey(connection, dedupKey));
    }

    @Override
    public Optional<Job> claimNext(String workerId, Set<String> types, Duration lease) {
        return leases.claimNext(workerId, types, lease);
    }

    @Override
    public Optional<Job> claim(String id, String workerId, Duration lease) {
        return leases.claim(id, workerId, lease);
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

    /**
     * The statement refuses a job whose key another unfinished job holds; the refusal then names
     * that job. Where writers run concurrently (PostgreSQL), a job may take the key after the
     * statement looked: the unique index then refuses the row, and the retry runs again to name
     * the new holder. Nothing else can make a retry break a unique key, as it changes no id.
     */
    @Override
    public Job retry(String id, Instant notBefore) {
        StoreTime.Stamp now = context.now();
        for (int turn = 1; ; turn++) {
            try {
                return context.database().write(ErrorContext.of("job", id), handle -> {
                    Query query = now.bind(handle.createQuery(RETRY)).bindByType("notBefore", notBefore, Instant.class)
                            .bind("id", id);
                    return Rows.atMostOne(query.map(mapper).list(), "job retry")
                            .orElseThrow(() -> retryRefused(handle, id));
                });
            } catch (DuplicateDedupKeyException refused) {
                throw refused;
            } catch (DuplicateKeyException raced) {
                if (turn == JobDedupKeys.TURNS) {
                    throw new ConflictException("job", id, "the dedup key of job " + UserText.quoted(id)
                            + " changed hands " + turn + " times while it was being retried; it stays failed, try again",
                            raced);
                }
            }
        }
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
    public Optional<Instant> oldestClaimableSince() {
        StoreTime.Stamp now = context.now();
        // One row always: MIN of no rows is NULL.
        List<Optional<Instant>> since = context.database().readPlain(ErrorContext.NONE, connection -> context.jdbc()
                .query(connection, oldestClaimable, now::bind,
                        (row, statement) -> Optional.ofNullable(context.dialect().getTime(row, "since"))));
        return since.isEmpty() ? Optional.empty() : since.get(0);
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
     * Deletes in transactions of at most {@code DELETE_BATCH_SIZE} jobs until one deletes fewer:
     * the batches are picked by the filter alone (any order), so each batch's statement finds
     * matching jobs wherever they are, and a batch short of the size means none was left.
     */
    @Override
    public int deleteMatching(JobQuery query) {
        Filter filter = filter(query);
        CompiledSql batch = context.compile("DELETE FROM opstate_jobs WHERE id IN (SELECT id FROM opstate_jobs"
                + filter.sql() + " LIMIT " + DELETE_BATCH_SIZE + ")");
        int total = 0;
        int deleted;
        do {
            deleted = context.database().writePlain(ErrorContext.NONE,
                    connection -> context.jdbc().update(connection, batch, filter::bind));
            total += deleted;
        } while (deleted == DELETE_BATCH_SIZE);
        return total;
    }

    /** Why a retry matched no job: missing, not failed, out of attempts, or its key taken by another job. */
    private PersistenceException retryRefused(Handle handle, String id) {
        PlainConnection connection = PlainConnection.of(handle);
        Optional<Job> job = lookup.find(connection, id);
        if (job.isEmpty()) {
            return new NotFoundException("job", id);
        }
        Job found = job.get();
        if (found.status() != JobStatus.FAILED) {
            return transitionRefused(found, JobStatus.QUEUED, "only failed jobs can be retried");
        }
        if (found.attempts() >= found.maxAttempts()) {
            return transitionRefused(found, JobStatus.QUEUED,
                    "no attempts left (" + found.attempts() + " of " + found.maxAttempts() + " used)");
        }
        return lookup.unfinishedByDedupKey(connection, found.dedupKey())
                .<PersistenceException>map(holder -> new DuplicateDedupKeyException(found.dedupKey(), holder.id()))
                // the holder finished between the statement and this read: as if the index had refused the row
                .orElseGet(() -> new DuplicateKeyException("job", id));
    }

    private static IllegalTransitionException transitionRefused(Job job, JobStatus to, String reason) {
        return new IllegalTransitionException("job", job.id(), job.status().label(), to.label(), reason);
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
