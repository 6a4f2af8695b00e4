package io.opstate.jdbc.internal.jobs;

import io.opstate.ConflictException;
import io.opstate.DuplicateDedupKeyException;
import io.opstate.internal.UserText;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowWrite.Row;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.jobs.OnDuplicateKey;
import java.util.List;
import java.util.Optional;

/**
 * Creates jobs that carry a dedup key. The insert says {@code ON CONFLICT ... DO NOTHING} on the
 * partial unique index of unfinished jobs' keys, so a key held by another unfinished job, even one
 * that a concurrent transaction of another process has just inserted (PostgreSQL waits for it to
 * commit), makes the insert write nothing instead of failing the transaction; the job holding the
 * key is then read and returned or named in the refusal. Jobs without a key take the multi-row
 * path ({@link JobInserts}); these are inserted one by one. Stateless, thread-safe.
 */
final class JobDedupKeys {
    /**
     * How often a create looks again when the key's holder finished between the insert that
     * found it and the read that would name it (only where writers run concurrently: PostgreSQL).
     * Each turn needs another job to take and give up the key in that moment, so the limit is
     * reached only by a key changing hands continuously.
     */
    static final int TURNS = 3;

    private final JdbcContext context;
    private final JobInserts rows;
    private final JobMapper mapper;
    private final JobLookup lookup;
    private final CompiledSql insertUnlessHeld;

    JobDedupKeys(JdbcContext context, JobSql sql, JobInserts rows, JobMapper mapper, JobLookup lookup) {
        this.context = context;
        this.rows = rows;
        this.mapper = mapper;
        this.lookup = lookup;
        this.insertUnlessHeld = context.compile(JobSql.INSERT_INTO + sql.insertValues("", "<now>")
                + " ON CONFLICT (dedup_key) WHERE " + JobSql.HOLDS_DEDUP_KEY + " DO NOTHING" + JobSql.RETURNING);
    }

    /**
     * Inserts the job of {@code row}, which carries a dedup key, on {@code connection}; or, when an
     * unfinished job holds the key, returns that job or refuses as the new job says.
     *
     * @throws DuplicateDedupKeyException when the key is held and the job says {@link OnDuplicateKey#FAIL}
     * @throws io.opstate.DuplicateKeyException when a job has the new job's id
     */
    Job create(PlainConnection connection, Row<NewJob> row) {
        NewJob job = row.value();
        for (int turn = 0; turn < TURNS; turn++) {
            Optional<Job> inserted = insert(connection, row);
            if (inserted.isPresent()) {
                return inserted.get();
            }
            Optional<Job> holder = lookup.unfinishedByDedupKey(connection, job.dedupKey());
            if (holder.isPresent()) {
                if (job.onDuplicate() == OnDuplicateKey.RETURN_EXISTING) {
                    return holder.get();
                }
                throw new DuplicateDedupKeyException(job.dedupKey(), holder.get().id());
            }
        }
        throw new ConflictException("job", job.id(), "dedup key changed hands " + TURNS + " times while job "
                + UserText.quoted(job.id()) + " was being created; nothing was created, try again");
    }

    private Optional<Job> insert(PlainConnection connection, Row<NewJob> row) {
        try {
            List<Job> inserted = context.jdbc().query(connection, insertUnlessHeld, params -> {
                rows.bind(params, row.value());
                row.now().bind(params);
            }, mapper);
            return inserted.stream().findFirst();
        } catch (RuntimeException e) {
            throw context.database().translate(e, ErrorContext.of("job", row.value().id()));
        }
    }
}
