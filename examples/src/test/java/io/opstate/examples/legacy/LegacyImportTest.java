package io.opstate.examples.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionStatus;
import io.opstate.history.HistoryQuery;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a legacy SQLite file with the tables of seeds 002 and 003 as their documents define
 * them, imports it into an OpState SQLite store, and checks that every row arrived with its
 * original times and statuses, and that the pull that was running is taken over by a worker.
 */
class LegacyImportTest {
    private static final String JOBS = """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY, model TEXT NOT NULL, quantize TEXT, init BOOLEAN,
                status TEXT NOT NULL DEFAULT 'queued', created_at TEXT NOT NULL, started_at TEXT,
                finished_at TEXT, error TEXT, traceback TEXT, local_path TEXT, size_bytes INTEGER,
                downloaded_bytes INTEGER DEFAULT 0, progress REAL, total_bytes INTEGER, preferred_quantized BOOLEAN)""";
    private static final String SCHEDULED_JOBS = """
            CREATE TABLE scheduled_jobs (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, pipeline TEXT NOT NULL, cron_expr TEXT NOT NULL,
                enabled BOOLEAN NOT NULL DEFAULT 1, next_run TIMESTAMP, last_run TIMESTAMP, last_result TEXT,
                created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""";
    private static final String PIPELINES = """
            CREATE TABLE pipelines (
                name TEXT PRIMARY KEY, description TEXT, config TEXT NOT NULL,
                created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""";
    private static final String JOB_EXECUTIONS = """
            CREATE TABLE job_executions (
                id TEXT PRIMARY KEY, job_id TEXT NOT NULL, pipeline TEXT NOT NULL, start_time TIMESTAMP NOT NULL,
                end_time TIMESTAMP, duration INTEGER, status TEXT NOT NULL, error TEXT, context TEXT, steps TEXT,
                triggered_by TEXT NOT NULL, FOREIGN KEY (job_id) REFERENCES scheduled_jobs(id) ON DELETE CASCADE)""";

    private static final String SUCCEEDED = "550e8400-e29b-41d4-a716-446655440000";
    private static final String FAILED = "650e8400-e29b-41d4-a716-446655440001";
    private static final String RUNNING = "750e8400-e29b-41d4-a716-446655440002";
    private static final String QUEUED = "850e8400-e29b-41d4-a716-446655440003";

    @TempDir
    Path folder;
    private Connection legacy;
    private Datastore store;

    @BeforeEach
    void buildLegacyFile() throws SQLException {
        legacy = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("legacy.db"));
        try (Statement sql = legacy.createStatement()) {
            sql.execute(JOBS);
            sql.execute(SCHEDULED_JOBS);
            sql.execute(PIPELINES);
            sql.execute(JOB_EXECUTIONS);
            sql.execute("INSERT INTO jobs VALUES ('" + SUCCEEDED + "', 'gpt2', 'auto', 1, 'succeeded',"
                    + " '2025-12-18T10:30:00Z', '2025-12-18T10:30:01Z', '2025-12-18T10:30:15Z', NULL, NULL,"
                    + " 'E:\\private-ai-server\\models\\hub\\models--gpt2\\snapshots\\abc123', 548118077, 548118077, 1.0,"
                    + " 548118077, 0)");
            sql.execute("INSERT INTO jobs VALUES ('" + FAILED + "', 'invalid/model-name', 'auto', 0, 'failed',"
                    + " '2025-12-18T11:00:00Z', '2025-12-18T11:00:02Z', '2025-12-18T11:00:05Z',"
                    + " 'Repository Not Found for url: https://huggingface.co/invalid/model-name',"
                    + " 'Traceback (most recent call last):\n  File ...', NULL, NULL, 0, NULL, NULL, NULL)");
            sql.execute("INSERT INTO jobs VALUES ('" + RUNNING + "', 'Qwen/Qwen3-0.6B', 'q4', 1, 'running',"
                    + " '2025-12-18T12:00:00.250Z', '2025-12-18T12:00:01.5Z', NULL, NULL, NULL, NULL, NULL,"
                    + " 300000000, 0.25, 1200000000, NULL)");
            sql.execute("INSERT INTO jobs (id, model, status, created_at) VALUES ('" + QUEUED + "', 'gpt2-medium',"
                    + " 'queued', '2025-12-18T12:05:00Z')");
            sql.execute("INSERT INTO pipelines VALUES ('sync.yaml', 'Daily data sync',"
                    + " '{\"name\": \"sync\", \"steps\": [{\"plugin\": \"Input.api\"}]}',"
                    + " '2025-11-01 08:00:00+00:00', '2025-12-01 09:30:00.5+00:00')");
            sql.execute("INSERT INTO pipelines VALUES ('report.yaml', NULL, '{\"steps\": []}',"
                    + " '2025-11-02 08:00:00', '2025-11-02 08:00:00')");
            sql.execute("INSERT INTO scheduled_jobs VALUES ('daily-sync', 'Daily Data Sync', 'sync.yaml', '0 2 * * *', 1,"
                    + " '2025-12-19 02:00:00+00:00', '2025-12-18 02:00:00.123456789+00:00', 'success',"
                    + " '2025-11-01 08:05:00+00:00', '2025-12-18 02:00:07+00:00')");
            sql.execute("INSERT INTO scheduled_jobs VALUES ('weekly-report', 'Weekly report', 'report.yaml', '0 6 * * 1', 0,"
                    + " '2025-12-22 06:00:00+00:00', NULL, NULL, '2025-11-02 08:05:00+00:00', '2025-11-20 10:00:00+00:00')");
            sql.execute("INSERT INTO job_executions VALUES ('exec-1', 'daily-sync', 'sync.yaml',"
                    + " '2025-12-17 02:00:00+00:00', '2025-12-17 02:00:06.5+00:00', 6500000000, 'completed', NULL,"
                    + " '{\"rows\": 120}', '[{\"name\": \"fetch\", \"status\": \"ok\"}]', 'scheduler')");
            sql.execute("INSERT INTO job_executions VALUES ('exec-2', 'daily-sync', 'sync.yaml',"
                    + " '2025-12-18 02:00:00+00:00', '2025-12-18 02:00:07+00:00', 7000000000, 'failed',"
                    + " 'upstream API returned 503', NULL, NULL, 'scheduler')");
            sql.execute("INSERT INTO job_executions VALUES ('exec-3', 'weekly-report', 'report.yaml',"
                    + " '2025-12-18 12:00:00+00:00', NULL, NULL, 'running', NULL, NULL, NULL, 'alice')");
        }
        store = Persistence.open("jdbc:sqlite:" + folder.resolve("opstate.db"));
    }

    @AfterEach
    void close() throws SQLException {
        store.close();
        legacy.close();
    }

    @Test
    void everyRowArrivesWithItsTimesAndStatuses() {
        Map<String, Integer> counts = LegacyImport.run(legacy, store);

        assertThat(counts).containsExactly(Map.entry("pipelines", 2), Map.entry("scheduled_jobs", 2),
                Map.entry("job_executions", 3), Map.entry("jobs", 4));

        Job succeeded = store.jobs().get(SUCCEEDED);
        assertThat(succeeded.type()).isEqualTo(InferenceJobs.TYPE);
        assertThat(succeeded.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(succeeded.createdAt()).isEqualTo(Instant.parse("2025-12-18T10:30:00Z"));
        assertThat(succeeded.startedAt()).isEqualTo(Instant.parse("2025-12-18T10:30:01Z"));
        assertThat(succeeded.finishedAt()).isEqualTo(Instant.parse("2025-12-18T10:30:15Z"));
        assertThat(succeeded.updatedAt()).isEqualTo(succeeded.finishedAt());
        assertThat(succeeded.progress()).isEqualTo(1.0);
        assertThat(succeeded.bytesDone()).isEqualTo(548_118_077L);
        assertThat(succeeded.bytesTotal()).isEqualTo(548_118_077L);
        assertThat(succeeded.attempts()).isEqualTo(1);
        assertThat(succeeded.payload()).isEqualTo("{\"model\": \"gpt2\", \"quantize\": \"auto\", \"init\": true}");
        assertThat(succeeded.result()).isEqualTo("{\"local_path\": \"E:\\\\private-ai-server\\\\models\\\\hub\\\\"
                + "models--gpt2\\\\snapshots\\\\abc123\", \"size_bytes\": 548118077, \"preferred_quantized\": false}");

        Job failed = store.jobs().get(FAILED);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.finishedAt()).isEqualTo(Instant.parse("2025-12-18T11:00:05Z"));
        assertThat(failed.error()).isEqualTo("Repository Not Found for url: https://huggingface.co/invalid/model-name");
        assertThat(failed.errorDetail()).isEqualTo("Traceback (most recent call last):\n  File ...");
        assertThat(failed.payload()).contains("\"init\": false");
        assertThat(failed.result()).isNull();
        assertThat(failed.progress()).isNull();

        Job queued = store.jobs().get(QUEUED);
        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(queued.attempts()).isZero();
        assertThat(queued.createdAt()).isEqualTo(Instant.parse("2025-12-18T12:05:00Z"));
        assertThat(queued.payload()).isEqualTo("{\"model\": \"gpt2-medium\", \"quantize\": null, \"init\": null}");

        Pipeline sync = store.pipelines().get("sync.yaml");
        assertThat(sync.description()).isEqualTo("Daily data sync");
        assertThat(sync.config()).contains("Input.api");
        assertThat(sync.createdAt()).isEqualTo(Instant.parse("2025-11-01T08:00:00Z"));
        assertThat(sync.updatedAt()).isEqualTo(Instant.parse("2025-12-01T09:30:00.5Z"));
        assertThat(store.pipelines().get("report.yaml").createdAt()).isEqualTo(Instant.parse("2025-11-02T08:00:00Z"));

        Schedule daily = store.schedules().get("daily-sync");
        assertThat(daily.enabled()).isTrue();
        assertThat(daily.cronExpression()).isEqualTo("0 2 * * *");
        assertThat(daily.nextRunAt()).isEqualTo(Instant.parse("2025-12-19T02:00:00Z"));
        assertThat(daily.lastRunAt()).as("to the microsecond").isEqualTo(Instant.parse("2025-12-18T02:00:00.123456Z"));
        assertThat(daily.lastResult()).isEqualTo("success");
        assertThat(daily.updatedAt()).isEqualTo(Instant.parse("2025-12-18T02:00:07Z"));
        Schedule weekly = store.schedules().get("weekly-report");
        assertThat(weekly.enabled()).isFalse();
        assertThat(weekly.nextRunAt()).as("a disabled schedule does not run").isNull();
        assertThat(weekly.lastRunAt()).isNull();

        Execution completed = store.executions().get("exec-1");
        assertThat(completed.scheduleId()).isEqualTo("daily-sync");
        assertThat(completed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(completed.startedAt()).isEqualTo(Instant.parse("2025-12-17T02:00:00Z"));
        assertThat(completed.endedAt()).isEqualTo(Instant.parse("2025-12-17T02:00:06.5Z"));
        assertThat(completed.durationMillis()).as("the legacy duration, 6.5 s in nanoseconds").isEqualTo(6_500L);
        assertThat(completed.context()).isEqualTo("{\"rows\": 120}");
        assertThat(completed.steps()).contains("fetch");
        assertThat(completed.triggeredBy()).isEqualTo("scheduler");
        Execution failedRun = store.executions().get("exec-2");
        assertThat(failedRun.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failedRun.error()).isEqualTo("upstream API returned 503");
        assertThat(failedRun.durationMillis()).isEqualTo(7_000L);
        Execution runningRun = store.executions().get("exec-3");
        assertThat(runningRun.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(runningRun.endedAt()).isNull();
        assertThat(runningRun.triggeredBy()).isEqualTo("alice");

        assertThat(store.jobs().countByStatus(JobQuery.all())).containsEntry(JobStatus.RUNNING, 1L)
                .containsEntry(JobStatus.SUCCEEDED, 1L).containsEntry(JobStatus.FAILED, 1L)
                .containsEntry(JobStatus.QUEUED, 1L);
        assertThat(store.history().list(HistoryQuery.all(), PageRequest.first()).items())
                .singleElement().satisfies(event -> {
                    assertThat(event.event()).isEqualTo("legacy.imported");
                    assertThat(event.metadata()).contains("\"jobs\": 4");
                });
    }

    @Test
    void theRunningPullIsTakenOverByAWorker() {
        LegacyImport.run(legacy, store);

        Job imported = store.jobs().get(RUNNING);
        assertThat(imported.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(imported.startedAt()).isEqualTo(Instant.parse("2025-12-18T12:00:01.5Z"));
        assertThat(imported.bytesDone()).isEqualTo(300_000_000L);
        assertThat(imported.bytesTotal()).isEqualTo(1_200_000_000L);
        assertThat(imported.progress()).isEqualTo(0.25);
        assertThat(imported.leaseExpiresAt()).as("expired at the import").isBeforeOrEqualTo(Instant.now());

        Job claimed = store.jobs().claimNext("worker-1", Set.of(InferenceJobs.TYPE), Duration.ofMinutes(5)).orElseThrow();
        assertThat(claimed.id()).as("the running pull, created before the queued one").isEqualTo(RUNNING);
        assertThat(claimed.attempts()).isEqualTo(2);
        assertThat(claimed.workerId()).isEqualTo("worker-1");
        assertThat(claimed.bytesDone()).as("its progress so far stays").isEqualTo(300_000_000L);
        Job done = store.jobs().complete(RUNNING, claimed.fencingToken(), "{\"local_path\": \"/models/qwen\"}");
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aRowOpStateRefusesLeavesTheStoreAsItWas() throws SQLException {
        try (Statement sql = legacy.createStatement()) {
            sql.execute("UPDATE jobs SET finished_at = '2025-12-18T10:29:00Z' WHERE id = '" + SUCCEEDED + "'");
        }

        Throwable refused = catchThrowable(() -> LegacyImport.run(legacy, store));

        assertThat(refused).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) refused).field()).isEqualTo("jobs[0].finishedAt");
        assertThat(store.pipelines().list(PageRequest.first()).items()).isEmpty();
        assertThat(store.schedules().list(PageRequest.first()).items()).isEmpty();
        assertThat(store.jobs().countByStatus(JobQuery.all()).values()).allMatch(count -> count == 0);
    }
}
