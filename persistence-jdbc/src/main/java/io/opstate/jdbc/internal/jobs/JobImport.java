package io.opstate.jdbc.internal.jobs;

import io.opstate.DuplicateDedupKeyException;
import io.opstate.DuplicateKeyException;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jobs.Job;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Imports jobs as they were ({@link io.opstate.imports.RecordImport#importJobs}): every column
 * from the record, except that a running job's lease ends at the time of the import, so a claim
 * takes it over. Then moves the store's claim-token generator past the largest imported token.
 * Taken ids, tokens and dedup keys are refused with one read each per batch, then the rows go in
 * multi-row statements. Records arrive checked, normalised and unique within the batch.
 * Thread-safe.
 */
public final class JobImport {
    private static final String INSERT_INTO = "INSERT INTO opstate_jobs (" + JobSql.COLUMNS + ") VALUES ";
    /** Tokens looked up per statement, well below every driver's limit on parameters. */
    private static final int TOKENS_PER_LOOKUP = 500;

    private final JdbcContext context;
    private final MultiRowInsert<Job, Job> inserts;

    public JobImport(JdbcContext context) {
        this.context = context;
        this.inserts = new MultiRowInsert<>(context, INSERT_INTO, JobSql.RETURNING, new JobMapper(context.dialect()),
                new Rows(context));
    }

    /** Writes {@code jobs} in one write: all of them, or none. */
    public List<Job> importAll(List<Job> jobs) {
        StoreTime.Stamp now = context.now();
        long highest = jobs.stream().mapToLong(Job::fencingToken).max().orElse(0);
        return context.database().write(ErrorContext.NONE, handle -> {
            // The generator moves first: a claim on another connection from now on draws above
            // every imported token, so none can draw one between the check and the insert.
            if (highest > 0) {
                handle.createUpdate(context.dialect().advanceClaimTokens()).bind("highest", highest).execute();
            }
            refuseTakenIds(handle, jobs);
            refuseTakenTokens(handle, jobs);
            refuseHeldDedupKeys(handle, jobs);
            return inserts.insertAll(PlainConnection.of(handle), jobs, now);
        });
    }

    /** Refuses the first job whose id the store holds, in one read, before the multi-row inserts. */
    private static void refuseTakenIds(Handle handle, List<Job> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        Set<String> taken = new HashSet<>(handle.createQuery("SELECT id FROM opstate_jobs"
                        + " WHERE id IN (<ids>)")
                .bindList("ids", jobs.stream().map(Job::id).toList())
                .mapTo(String.class)
                .list());
        for (Job job : jobs) {
            if (taken.contains(job.id())) {
                throw new DuplicateKeyException("job", job.id());
            }
        }
    }

    /**
     * A token above 0 names one claim in the store: refuses one that a job of the store already
     * carries. Tokens have no index (claims never look them up), so this reads the table; an
     * import runs once.
     */
    private static void refuseTakenTokens(Handle handle, List<Job> jobs) {
        List<Long> tokens = jobs.stream().map(Job::fencingToken).filter(token -> token > 0).toList();
        for (int from = 0; from < tokens.size(); from += TOKENS_PER_LOOKUP) {
            List<Long> some = new ArrayList<>(tokens.subList(from, Math.min(tokens.size(), from + TOKENS_PER_LOOKUP)));
            handle.createQuery("SELECT claim_token FROM opstate_jobs WHERE claim_token IN (<tokens>)")
                    .bindList("tokens", some)
                    .mapTo(Long.class)
                    .findFirst()
                    .ifPresent(taken -> {
                        throw new DuplicateKeyException("job fencing token", Long.toString(taken));
                    });
        }
    }

    /**
     * An unfinished job's dedup key must be free: refuses one that an unfinished job of the store
     * holds, naming that job, as {@code create} does (the index would refuse it too, without
     * saying which job holds it).
     */
    private static void refuseHeldDedupKeys(Handle handle, List<Job> jobs) {
        List<String> keys = jobs.stream().filter(job -> job.dedupKey() != null && !job.status().isTerminal())
                .map(Job::dedupKey).toList();
        for (int from = 0; from < keys.size(); from += TOKENS_PER_LOOKUP) {
            List<String> some = new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + TOKENS_PER_LOOKUP)));
            handle.createQuery("SELECT dedup_key, id FROM opstate_jobs WHERE dedup_key IN (<keys>) AND "
                            + JobSql.HOLDS_DEDUP_KEY)
                    .bindList("keys", some)
                    .map((rows, statement) -> new DuplicateDedupKeyException(rows.getString(1), rows.getString(2)))
                    .findFirst()
                    .ifPresent(held -> {
                        throw held;
                    });
        }
    }

    /** The row of one imported job, its lease (when running) ending at the import's {@code now}. */
    private static final class Rows implements MultiRowInsert.Table<Job, Job> {
        private final JdbcContext context;

        Rows(JdbcContext context) {
            this.context = context;
        }

        @Override
        public String row(String suffix, String now) {
            return "(:id" + suffix + ", :type" + suffix + ", :status" + suffix + ", :stage" + suffix + ", :progress" + suffix
                    + ", :bytesDone" + suffix + ", :bytesTotal" + suffix + ", :message" + suffix + ", "
                    + context.json("payload" + suffix) + ", " + context.json("result" + suffix) + ", :error" + suffix
                    + ", :errorDetail" + suffix + ", :attempts" + suffix + ", :maxAttempts" + suffix + ", :priority" + suffix
                    + ", :createdAt" + suffix + ", :updatedAt" + suffix + ", :startedAt" + suffix + ", :finishedAt" + suffix
                    + ", :notBefore" + suffix + ", :workerId" + suffix + ", CASE WHEN :status" + suffix + " = "
                    + JobSql.RUNNING + " THEN " + now + " END, :token" + suffix + ", :version" + suffix + ", :dedupKey" + suffix + ")";
        }

        @Override
        public void bind(Params params, Job job) throws SQLException {
            params.text("id", job.id())
                    .text("type", job.type())
                    .text("status", job.status().label())
                    .text("stage", job.stage())
                    .decimal("progress", job.progress())
                    .bigint("bytesDone", job.bytesDone())
                    .bigint("bytesTotal", job.bytesTotal())
                    .text("message", job.message())
                    .text("payload", job.payload())
                    .text("result", job.result())
                    .text("error", job.error())
                    .text("errorDetail", job.errorDetail())
                    .integer("attempts", job.attempts())
                    .integer("maxAttempts", job.maxAttempts())
                    .integer("priority", job.priority())
                    .time("createdAt", job.createdAt())
                    .time("updatedAt", job.updatedAt())
                    .time("startedAt", job.startedAt())
                    .time("finishedAt", job.finishedAt())
                    .time("notBefore", job.notBefore())
                    .text("workerId", job.workerId())
                    .bigint("token", job.fencingToken())
                    .bigint("version", job.version())
                    .text("dedupKey", job.dedupKey());
        }

        @Override
        public ErrorContext about(Job job) {
            return ErrorContext.of("job", job.id());
        }

        @Override
        public String id(Job stored) {
            return stored.id();
        }
    }
}
