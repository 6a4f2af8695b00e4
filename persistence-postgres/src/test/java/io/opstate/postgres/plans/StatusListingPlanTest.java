package io.opstate.postgres.plans;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Listing jobs by a status that is rare among recent jobs seeks the (status, created_at, id)
 * index, even under a prepared statement's generic plan. With the status bound as a parameter,
 * a generic plan knows only an average selectivity and walks the (created_at, id) index past
 * every job of the other statuses; the repository writes statuses into the SQL so the planner
 * always sees the constant. The server is made to use generic plans from the first execution,
 * and the index scans it counts tell which index served the listings.
 */
class StatusListingPlanTest {
    private static final int JOBS = 200_000;
    private static final int LISTINGS = 5;

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void aRareStatusIsListedThroughTheStatusIndexUnderGenericPlans() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = open(schema, "")) {
            store.maintenance().health(); // opening migrated the schema
        }
        try (Connection admin = PostgresTestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("SET search_path = " + schema);
            // one job in 1,000 running, the newest quarter queued, the rest succeeded (a shape where a
            // generic plan with a bound status prefers the time index; checked by hand with EXPLAIN)
            statement.execute("INSERT INTO opstate_jobs (id, type, status, max_attempts, created_at, updated_at, not_before)"
                    + " SELECT lpad(g::text, 10, '0'), 't', CASE WHEN g % 1000 = 0 THEN 'running'"
                    + " WHEN g > " + JOBS / 4 * 3 + " THEN 'queued' ELSE 'succeeded' END, 3,"
                    + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 millisecond', now(), now()"
                    + " FROM generate_series(1, " + JOBS + ") g");
            statement.execute("ANALYZE opstate_jobs");
            Map<String, Long> before = IndexScans.of(admin, schema, "opstate_jobs");

            try (Datastore store = open(schema, "&prepareThreshold=1&options=-c%20plan_cache_mode%3Dforce_generic_plan")) {
                for (int i = 0; i < LISTINGS; i++) {
                    Page<Job> page = store.jobs().list(JobQuery.all().withStatuses(JobStatus.RUNNING),
                            PageRequest.first(100));
                    assertThat(page.items()).hasSize(100).allSatisfy(job ->
                            assertThat(job.status()).isEqualTo(JobStatus.RUNNING));
                    assertThat(page.items().get(0).id()).isEqualTo(String.format("%010d", JOBS));
                }
            } // closing the pool ends its server processes, which report their index scans as they exit

            Map<String, Long> after = IndexScans.await(admin, schema, "opstate_jobs", now ->
                    now.get("opstate_jobs_status_created") - before.get("opstate_jobs_status_created") >= LISTINGS
                            || now.get("opstate_jobs_created") != (long) before.get("opstate_jobs_created"));
            assertThat(after.get("opstate_jobs_status_created") - before.get("opstate_jobs_status_created"))
                    .as("listings served by (status, created_at, id)").isGreaterThanOrEqualTo(LISTINGS);
            assertThat(after.get("opstate_jobs_created") - before.get("opstate_jobs_created"))
                    .as("listings that walked (created_at, id) filtering by status").isZero();
        }
    }

    private static Datastore open(String schema, String parameters) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url() + parameters).schema(schema)
                .build());
    }
}
