package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
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

    private Fill() {
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
     * one statement (thousands of single transactions would make setup slower than the benchmark).
     */
    private static void completeOldest(BenchEnv env) {
        String result = env.backend().postgres() ? "CAST(? AS jsonb)" : "?";
        String sql = "UPDATE opstate_jobs SET status = 'succeeded', attempts = 1, fencing_token = 1, worker_id = 'filler',"
                + " started_at = created_at, finished_at = created_at, updated_at = created_at, progress = 1.0,"
                + " result = " + result + ", version = 3 WHERE id IN (SELECT id FROM opstate_jobs"
                + " ORDER BY created_at, id LIMIT " + READ_SUCCEEDED + ")";
        try (java.sql.PreparedStatement update = env.admin().prepareStatement(sql)) {
            update.setString(1, Payloads.RESULT);
            update.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot complete the oldest jobs", e);
        }
    }
}
