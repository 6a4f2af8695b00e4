package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.constructs.NewConstruct;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.postgres.internal.PostgresDialect;
import io.opstate.sessions.NewSession;
import io.opstate.sqlite.internal.SqliteDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The data the benchmarks start from, written through OpState so every store holds the same. */
final class Fill {
    /** Jobs in the table the read benchmarks run on. */
    static final int READ_JOBS = 10_000;
    /** Of those, how many have succeeded (the status the page benchmark filters by). */
    static final int READ_SUCCEEDED = 2_000;
    static final Duration LEASE = Duration.ofMinutes(5);
    /** Sessions the transcript append benchmarks write to: one per thread, more than any run's threads. */
    static final int SESSIONS = 64;
    static final String CONSTRUCT = "bench-construct";

    private Fill() {
    }

    /** The id of session {@code index} of {@link #sessions}. */
    static String sessionId(int index) {
        return String.format("bench-session-%02d", index % SESSIONS);
    }

    /** One construct and its {@value #SESSIONS} sessions, ids from {@link #sessionId}. */
    static void sessions(Datastore store) {
        store.constructs().create(NewConstruct.of("agent-task", "running").withId(CONSTRUCT).withTitle("benchmark"));
        for (int i = 0; i < SESSIONS; i++) {
            store.sessions().create(NewSession.of(CONSTRUCT, "running").withId(sessionId(i)));
        }
    }

    /** Enqueues {@code count} jobs in transactions of up to 1,000; returns their ids. */
    static List<String> queued(Datastore store, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int done = 0; done < count; ) {
            int chunk = Math.min(1_000, count - done);
            List<NewJob> batch = new ArrayList<>(chunk);
            for (int i = 0; i < chunk; i++) {
                batch.add(NewJob.of(Payloads.JOB_TYPE).withPayload(Payloads.JOB));
            }
            for (Job job : store.jobs().createAll(batch)) {
                ids.add(job.id());
            }
            done += chunk;
        }
        return ids;
    }

    /**
     * The read benchmarks' table: {@value #READ_JOBS} jobs, the oldest {@value #READ_SUCCEEDED}
     * claimed and completed, the rest queued. Returns every id.
     */
    static List<String> readTable(Datastore store, BenchEnv env) {
        List<String> ids = queued(store, READ_JOBS);
        if (env.backend().memory()) {
            for (int i = 0; i < READ_SUCCEEDED; i++) {
                Job job = store.jobs().claimNext("filler", Set.of(), LEASE).orElseThrow();
                store.jobs().complete(job.id(), job.fencingToken(), Payloads.RESULT);
            }
        } else {
            completeOldest(env);
        }
        long succeeded = store.jobs().countByStatus(io.opstate.jobs.JobQuery.all()).get(JobStatus.SUCCEEDED);
        if (succeeded != READ_SUCCEEDED) {
            throw new IllegalStateException("expected " + READ_SUCCEEDED + " succeeded jobs, found " + succeeded);
        }
        return ids;
    }

    /**
     * What {@value #READ_SUCCEEDED} claims and completes through OpState would leave, written in
     * one statement (thousands of single transactions would make setup slower than the benchmark):
     * tokens 1, 2, ... in creation order, and the store's token generator past them.
     */
    private static void completeOldest(BenchEnv env) {
        String result = env.backend().postgres() ? "CAST(? AS jsonb)" : "?";
        String sql = "UPDATE opstate_jobs SET status = 'succeeded', attempts = 1, claim_token = oldest.n,"
                + " worker_id = 'filler', started_at = created_at, finished_at = created_at, updated_at = created_at,"
                + " progress = 1.0, result = " + result + ", version = 3 FROM (SELECT id AS oldest_id, row_number()"
                + " OVER (ORDER BY created_at, id) AS n FROM opstate_jobs ORDER BY created_at, id LIMIT "
                + READ_SUCCEEDED + ") oldest WHERE opstate_jobs.id = oldest.oldest_id";
        try (java.sql.PreparedStatement update = env.admin().prepareStatement(sql)) {
            update.setString(1, Payloads.RESULT);
            update.executeUpdate();
            advanceClaimTokens(env, env.admin(), READ_SUCCEEDED);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot complete the oldest jobs", e);
        }
    }

    /** Moves the store's claim-token generator past {@code highest}, as claims handing out those tokens would have. */
    static void advanceClaimTokens(BenchEnv env, Connection connection, long highest) throws SQLException {
        SqlDialect dialect = env.backend().postgres() ? new PostgresDialect() : new SqliteDialect();
        NamedSql sql = NamedSql.of(dialect.advanceClaimTokens());
        try (PreparedStatement statement = connection.prepareStatement(sql.jdbc())) {
            sql.setLong(statement, "highest", highest);
            statement.execute();
        }
    }
}
