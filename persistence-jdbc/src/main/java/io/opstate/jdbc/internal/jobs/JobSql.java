package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.SqlDialect;
import io.opstate.jobs.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.IntFunction;

/**
 * The SQL of the job repository, written once for every dialect. Statuses are inlined as their
 * lower-case labels so that the planner sees constants (and partial indexes could match). The
 * current time is the attribute {@code <now>} and the end of a lease taken now
 * {@code <leaseUntil>} ({@link io.opstate.jdbc.internal.StoreTime}).
 */
final class JobSql {
    static final String COLUMNS = "id, type, status, stage, progress, bytes_done, bytes_total, message, payload,"
            + " result, error, error_detail, attempts, max_attempts, priority, created_at, updated_at, started_at,"
            + " finished_at, not_before, worker_id, lease_expires_at, claim_token, version, dedup_key";
    static final String RETURNING = " RETURNING " + COLUMNS;
    static final String SELECT = "SELECT " + COLUMNS + " FROM opstate_jobs";
    static final String BY_ID = SELECT + " WHERE id = :id";

    static final String QUEUED = literal(JobStatus.QUEUED);
    static final String RUNNING = literal(JobStatus.RUNNING);
    static final String SUCCEEDED = literal(JobStatus.SUCCEEDED);
    static final String FAILED = literal(JobStatus.FAILED);
    static final String CANCELLED = literal(JobStatus.CANCELLED);
    static final String TERMINAL = SUCCEEDED + ", " + FAILED + ", " + CANCELLED;

    /**
     * The job is held by the worker presenting {@code :token}. Tokens are unique in the store, so
     * a token of another job's claim matches no row.
     */
    static final String HELD = " WHERE id = :id AND status = " + RUNNING + " AND claim_token = :token";
    /** A queued job that is due: claimable. */
    private static final String DUE = "status = " + QUEUED + " AND not_before <= <now>";
    /** A running job whose lease lapsed with attempts left (a crashed worker's): claimable. */
    private static final String LAPSED = "status = " + RUNNING + " AND lease_expires_at <= <now>"
            + " AND attempts < max_attempts";

    /**
     * Since when the longest-waiting claimable job has been claimable ({@code since}, NULL when
     * none): the least {@code not_before} of the due jobs and {@code lease_expires_at} of the
     * lapsed ones. No index orders jobs by those times, so it reads the rows of every queued and
     * running job (through the status prefix of the claim index): its cost grows with the queue.
     */
    static final String OLDEST_CLAIMABLE = "SELECT MIN(since) AS since FROM ("
            + "SELECT MIN(not_before) AS since FROM opstate_jobs WHERE " + DUE
            + " UNION ALL SELECT MIN(lease_expires_at) AS since FROM opstate_jobs WHERE " + LAPSED + ") candidates";

    /** Every change stamps the time and moves the version on by one. */
    static final String TOUCH = touch("<now>");

    /** Claim order, as {@link io.opstate.core.StoreOrder#CLAIM} sorts in Java. */
    private static final String CLAIM_KEY = "priority DESC, created_at, id";
    private static final String CLAIM_ORDER = " ORDER BY " + CLAIM_KEY;
    static final String ORDER = CLAIM_ORDER + " LIMIT 1";
    /** A batch claim's job's place among the jobs it claims: 1, 2, ... */
    private static final String CLAIM_RANK = "chosen.claim_rank";

    /**
     * A job holds its dedup key while this is true of its row: the predicate of the partial unique
     * index {@code opstate_jobs_unfinished_dedup_key}, written as the index says it, so that
     * {@code ON CONFLICT} names the index and the planner sees the look-ups match it.
     */
    static final String HOLDS_DEDUP_KEY = holdsDedupKey("");

    /** {@link #HOLDS_DEDUP_KEY} of the row named {@code alias} (ending in a dot), in a statement reading the table twice. */
    static String holdsDedupKey(String alias) {
        return alias + "dedup_key IS NOT NULL AND " + alias + "status IN (" + QUEUED + ", " + RUNNING + ")";
    }

    static final String INSERT_INTO = "INSERT INTO opstate_jobs (id, type, status, stage, bytes_done, message, payload,"
            + " attempts, max_attempts, priority, created_at, updated_at, not_before, claim_token, version, dedup_key)"
            + " VALUES ";

    final String complete;
    private final SqlDialect dialect;
    private final String claimLock;

    JobSql(SqlDialect dialect) {
        this.dialect = dialect;
        this.complete = "UPDATE opstate_jobs SET " + completion(dialect.jsonParameter("result"), "<now>") + HELD + RETURNING;
        String lock = dialect.claimLockClause();
        this.claimLock = lock == null || lock.isBlank() ? "" : " " + lock.trim();
    }

    /**
     * What completing does to a held job: {@code result} and {@code now} are the SQL of the result
     * and the time. Bytes done become the total when it is known.
     */
    static String completion(String result, String now) {
        return "status = " + SUCCEEDED + ", result = " + result + ", progress = 1.0,"
                + " bytes_done = COALESCE(bytes_total, bytes_done), finished_at = " + now
                + ", lease_expires_at = NULL, " + touch(now);
    }

    /** {@link #TOUCH} with {@code now} the SQL of the time: a multi-row update's per-row {@code v.v_now}. */
    private static String touch(String now) {
        return "updated_at = " + now + ", version = version + 1";
    }

    /**
     * The row of a new job for {@link #INSERT_INTO}, its parameters named with {@code suffix}
     * ({@code :id0}, {@code :type0}, ... for a multi-row insert), its creation time {@code now}.
     */
    String insertValues(String suffix, String now) {
        return "(:id" + suffix + ", :type" + suffix + ", " + QUEUED + ", :stage" + suffix + ", 0, :message" + suffix
                + ", " + dialect.jsonParameter("payload" + suffix) + ", 0, :maxAttempts" + suffix + ", :priority"
                + suffix + ", " + now + ", " + now + ", COALESCE(:notBefore" + suffix + ", " + now + "), 0, 1, :dedupKey"
                + suffix + ")";
    }

    /**
     * Claims the best claimable job in one statement. Each candidate {@code SELECT ... LIMIT 1}
     * seeks one index range in claim order and stops at its first match: per status (queued, or
     * running with an expired lease) and, when types are given, per type, so a worker for one
     * type never walks past the queue of others. The outer {@code SELECT} picks the best of the
     * few candidates by the same order.
     *
     * @param typeParameters names of the bound job types, empty for any type
     */
    String claim(String... typeParameters) {
        StringJoiner candidates = new StringJoiner(", ");
        for (String range : candidateRanges(typeParameters)) {
            candidates.add("(" + range + ORDER + claimLock + ")");
        }
        return claimSet("1", ":workerId", "<now>", "<leaseUntil>") + " WHERE id = (SELECT id FROM opstate_jobs WHERE id IN ("
                + candidates + ")" + ORDER + ")" + RETURNING;
    }

    /**
     * Claims the job {@code :id} in one statement if it is claimable now, by the conditions the
     * candidate ranges of {@link #claim} use; matches no row otherwise.
     */
    String claimById() {
        return claimSet("1", ":workerId", "<now>", "<leaseUntil>") + " WHERE id = :id AND ((" + DUE + ") OR (" + LAPSED
                + "))" + RETURNING;
    }

    /**
     * Claims up to {@code limit} jobs in one statement, chosen as {@link #claim} chooses one: each
     * candidate range yields its best {@code limit} (locked, skipping rows other claims hold,
     * where the dialect locks), and the best {@code limit} of those are claimed. Each carries its
     * rank in claim order, from which a counter-row dialect numbers its token.
     *
     * @param limit the SQL of the number of jobs: a literal, or a parameter such as {@code :maxJobs}
     * @param typeParameters names of the bound job types, empty for any type
     */
    String claimBatch(String limit, String... typeParameters) {
        return claimSet(CLAIM_RANK, ":workerId", "<now>", "<leaseUntil>") + chosen(limit, typeParameters);
    }

    /**
     * The claims of {@code callers} workers in one statement, {@link #claimBatch}'s with
     * {@code limit} the sum of theirs: the jobs ranked {@code 1..:last0} go to the first caller,
     * {@code :last0 + 1..:last1} to the second, and so on, each with its caller's
     * {@code :workerId<i>}, time and lease end. Candidates are due at {@code <now>}.
     *
     * @param nowOf the SQL of caller i's time
     * @param leaseUntilOf the SQL of the end of caller i's lease
     * @param typeParameters names of the bound job types, empty for any type
     */
    String claimShared(int callers, String limit, IntFunction<String> nowOf, IntFunction<String> leaseUntilOf,
                       String... typeParameters) {
        return claimSet(CLAIM_RANK, byRank(callers, i -> ":workerId" + i), byRank(callers, nowOf),
                byRank(callers, leaseUntilOf)) + chosen(limit, typeParameters);
    }

    /** {@code valueOf(i)} for the job of caller i, by its rank: a {@code CASE} on {@code :last<i>}. */
    private static String byRank(int callers, IntFunction<String> valueOf) {
        StringBuilder value = new StringBuilder("CASE");
        for (int i = 0; i < callers - 1; i++) {
            value.append(" WHEN ").append(CLAIM_RANK).append(" <= :last").append(i).append(" THEN ").append(valueOf.apply(i));
        }
        return value.append(" ELSE ").append(valueOf.apply(callers - 1)).append(" END").toString();
    }

    /** The {@code FROM} and {@code WHERE} of a batch claim: the jobs chosen and their rank. */
    private String chosen(String limit, String... typeParameters) {
        String batchOrder = CLAIM_ORDER + " LIMIT " + limit;
        StringJoiner candidates = new StringJoiner(" UNION ALL ");
        List<String> ranges = candidateRanges(typeParameters);
        for (int i = 0; i < ranges.size(); i++) {
            candidates.add("SELECT id FROM (" + ranges.get(i) + batchOrder + claimLock + ") candidates" + i);
        }
        return " FROM (SELECT id AS chosen_id, row_number() OVER (ORDER BY " + CLAIM_KEY
                + ") AS claim_rank FROM opstate_jobs WHERE id IN (" + candidates + ")" + batchOrder + ") chosen"
                + " WHERE opstate_jobs.id = chosen.chosen_id" + RETURNING;
    }

    /**
     * What a claim does to each job it takes; {@code rank} is the SQL of the job's place among
     * the jobs the statement claims (1, 2, ...), for {@link SqlDialect#claimToken}; {@code worker},
     * {@code now} and {@code leaseUntil} the SQL of its worker id, time and lease end.
     */
    private String claimSet(String rank, String worker, String now, String leaseUntil) {
        return "UPDATE opstate_jobs SET status = " + RUNNING + ", attempts = attempts + 1, claim_token = "
                + dialect.claimToken(rank) + ", worker_id = " + worker + ", started_at = " + now + ","
                + " lease_expires_at = " + leaseUntil + ", finished_at = NULL, " + touch(now);
    }

    /** The index ranges a claim looks at: per type when types are given, then per status. */
    private static List<String> candidateRanges(String... typeParameters) {
        List<String> ranges = new ArrayList<>();
        if (typeParameters.length == 0) {
            addRanges(ranges, "");
        }
        for (String name : typeParameters) {
            addRanges(ranges, " AND type = :" + name);
        }
        return ranges;
    }

    private static void addRanges(List<String> ranges, String typeCondition) {
        ranges.add("SELECT id FROM opstate_jobs WHERE " + DUE + typeCondition);
        ranges.add("SELECT id FROM opstate_jobs WHERE " + LAPSED + typeCondition);
    }

    private static String literal(JobStatus status) {
        return "'" + status.label() + "'";
    }
}
