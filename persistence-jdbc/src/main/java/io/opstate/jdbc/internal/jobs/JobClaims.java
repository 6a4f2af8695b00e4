package io.opstate.jdbc.internal.jobs;

import io.opstate.core.StoreOrder;
import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowWrite;
import io.opstate.jdbc.internal.Params;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jobs.Job;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims ({@code claimNext} and {@code claimBatch}) as a {@link MultiRowWrite}: the claims of
 * several workers that meet in one group-commit batch and look for the same job types share one
 * statement ({@link JobSql#claimShared}), so the queue's index is walked once for all of them
 * rather than once each, inside the one transaction every caller of the batch waits on. The jobs
 * are handed out in claim order: the first caller gets the best of its {@code maxJobs}, the next
 * the following ones, and each job carries its own caller's worker id, time and lease, set by its
 * rank in the statement. A claim that meets no other runs the statement it would run alone. Each
 * claim's tokens come from the store's one generator ({@link io.opstate.jdbc.SqlDialect#claimToken}).
 * Thread-safe.
 */
final class JobClaims implements MultiRowWrite<JobClaims.Claim, List<Job>> {
    /**
     * One worker's claim of up to {@code maxJobs} jobs of {@code types} (any type when empty),
     * under a lease of {@code lease} from {@code now}.
     */
    record Claim(String workerId, List<String> types, Duration lease, int maxJobs, StoreTime.Stamp now) {
        Claim {
            types = List.copyOf(types);
        }

        /** Claims that look at the same index ranges, which may share a statement. */
        Set<String> rangeKey() {
            return Set.copyOf(types);
        }
    }

    /**
     * The largest number of jobs a claim statement names as a literal rather than a parameter.
     * PostgreSQL plans a statement whose {@code LIMIT} is a parameter anew at every execution (a
     * generic plan cannot know how many rows it reads), which for a claim costs as much as its
     * execution; with a literal, the prepared statement keeps one plan after its fifth run.
     */
    static final int MAX_LITERAL_LIMIT = 64;
    /** How many statement forms are kept; past it, a rare form is built for its one use. */
    private static final int MAX_FORMS = 512;

    /**
     * A claim statement's form: for how many job types, among how many callers, for how many
     * jobs ({@code 0}: as many as {@code :maxJobs} says).
     */
    private record Form(int types, int callers, int limit) {
        static Form of(int types, int callers, int jobs) {
            return new Form(types, callers, jobs <= MAX_LITERAL_LIMIT ? jobs : 0);
        }

        String limitSql() {
            return limit > 0 ? String.valueOf(limit) : ":maxJobs";
        }
    }

    private final JdbcContext context;
    private final JobSql sql;
    private final JobMapper mapper;
    private final ConcurrentHashMap<Form, CompiledSql> forms = new ConcurrentHashMap<>();
    /** Advances the claim-token generator after a claim; null where drawing a token advances it. */
    private final CompiledSql advanceTokens;

    JobClaims(JdbcContext context, JobSql sql, JobMapper mapper) {
        this.context = context;
        this.sql = sql;
        this.mapper = mapper;
        this.advanceTokens = context.dialect().claimTokensNeedAdvancing()
                ? context.compile(context.dialect().advanceClaimTokens())
                : null;
    }

    @Override
    public List<List<Job>> writeAll(PlainConnection connection, List<Claim> claims) {
        if (claims.size() == 1) {
            return alone(connection, claims.get(0));
        }
        Map<Set<String>, List<Integer>> byRanges = new LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            byRanges.computeIfAbsent(claims.get(i).rangeKey(), key -> new ArrayList<>()).add(i);
        }
        List<List<Job>> claimed = new ArrayList<>(Collections.nCopies(claims.size(), null));
        for (List<Integer> members : byRanges.values()) {
            List<Claim> group = members.stream().map(claims::get).toList();
            List<List<Job>> shares = group.size() == 1 ? alone(connection, group.get(0)) : shared(connection, group);
            for (int i = 0; i < members.size(); i++) {
                claimed.set(members.get(i), shares.get(i));
            }
        }
        return claimed;
    }

    /** One claim in its own statement: the best job alone, or a batch. */
    private List<List<Job>> alone(PlainConnection connection, Claim claim) {
        Form form = Form.of(claim.types().size(), 1, claim.maxJobs());
        List<Job> jobs = context.jdbc().query(connection, statement(form), params -> {
            claim.now().bindLease(params, claim.lease()).text("workerId", claim.workerId());
            bindLimit(params, form, claim.maxJobs());
            bindTypes(params, claim.types());
        }, mapper);
        return List.of(inClaimOrder(connection, jobs));
    }

    /** The claims of {@code group}, all for the same types, in one statement; each caller's jobs in claim order. */
    private List<List<Job>> shared(PlainConnection connection, List<Claim> group) {
        int total = group.stream().mapToInt(Claim::maxJobs).sum();
        Form form = Form.of(group.get(0).types().size(), group.size(), total);
        StoreTime.Stamp latest = group.get(0).now();
        for (Claim claim : group) {
            latest = latest.later(claim.now());
        }
        StoreTime.Stamp candidatesDueAt = latest;
        List<Job> jobs = context.jdbc().query(connection, statement(form), params -> {
            candidatesDueAt.bind(params);
            int last = 0;
            for (int i = 0; i < group.size(); i++) {
                Claim claim = group.get(i);
                String suffix = String.valueOf(i);
                last += claim.maxJobs();
                claim.now().bindLeaseAs(params, claim.lease(), suffix).text("workerId" + suffix, claim.workerId());
                if (i < group.size() - 1) { // the last caller's jobs are the rest
                    params.integer("last" + suffix, last);
                }
            }
            bindLimit(params, form, total);
            bindTypes(params, group.get(0).types());
        }, mapper);
        return shares(group, inClaimOrder(connection, jobs));
    }

    private CompiledSql statement(Form form) {
        CompiledSql statement = forms.get(form);
        if (statement == null) {
            statement = context.compile(sqlOf(form));
            if (forms.size() < MAX_FORMS) {
                forms.putIfAbsent(form, statement);
            }
        }
        return statement;
    }

    private String sqlOf(Form form) {
        String[] types = typeNames(form.types());
        if (form.callers() > 1) {
            StoreTime time = context.time();
            return sql.claimShared(form.callers(), form.limitSql(), i -> time.nowAs(String.valueOf(i)),
                    i -> time.leaseUntilAs(String.valueOf(i)), types);
        }
        return form.limit() == 1 ? sql.claim(types) : sql.claimBatch(form.limitSql(), types);
    }

    private static void bindLimit(Params params, Form form, int jobs) throws SQLException {
        if (form.limit() == 0) {
            params.integer("maxJobs", jobs);
        }
    }

    /**
     * Each caller's run of {@code jobs} (in claim order, which is rank order): the first
     * {@code maxJobs} to the first caller, and so on. A job marked with another worker than the
     * caller it falls to would mean Java's claim order and the statement's ranks disagree.
     */
    private static List<List<Job>> shares(List<Claim> group, List<Job> jobs) {
        List<List<Job>> shares = new ArrayList<>(group.size());
        int from = 0;
        for (Claim claim : group) {
            int to = Math.min(jobs.size(), from + claim.maxJobs());
            List<Job> share = List.copyOf(jobs.subList(from, to));
            for (Job job : share) {
                if (!job.workerId().equals(claim.workerId())) {
                    throw new IllegalStateException("bug: job " + job.id() + " was claimed for worker " + job.workerId()
                            + " but falls to " + claim.workerId() + " in claim order");
                }
            }
            shares.add(share);
            from = to;
        }
        return shares;
    }

    /**
     * {@code jobs} sorted in claim order ({@code RETURNING} gives rows in no promised order), after
     * advancing the token generator past theirs, in the claim's transaction.
     */
    private List<Job> inClaimOrder(PlainConnection connection, List<Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        tokensDrawn(connection, jobs.stream().mapToLong(Job::fencingToken).max().getAsLong());
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(StoreOrder.CLAIM);
        return sorted;
    }

    /**
     * After a claim drew tokens up to {@code highest}, in its transaction: advances the generator
     * past them where drawing only read it ({@link io.opstate.jdbc.SqlDialect#claimTokensNeedAdvancing()}).
     */
    void tokensDrawn(PlainConnection connection, long highest) {
        if (advanceTokens != null) {
            context.jdbc().update(connection, advanceTokens, params -> params.bigint("highest", highest));
        }
    }

    private static void bindTypes(Params params, List<String> types) throws SQLException {
        for (int i = 0; i < types.size(); i++) {
            params.text("type" + i, types.get(i));
        }
    }

    private static String[] typeNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "type" + i;
        }
        return names;
    }
}
