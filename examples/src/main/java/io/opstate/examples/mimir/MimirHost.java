package io.opstate.examples.mimir;

import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.spi.Urls;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mimir AIP's scheduler persistence on OpState (seed 002), through its own
 * {@link PersistenceBackend}:
 *
 * <ol>
 *   <li>opens the store its {@code persistence:} configuration names ({@link MimirPersistenceConfig}):
 *       SQLite by default, PostgreSQL by configuration alone;</li>
 *   <li>saves two pipelines and their scheduled jobs, one disabled;</li>
 *   <li>the scheduler runs {@code daily-sync}: the run is saved when it starts, with its steps, and
 *       when it ends, with the context it produced; the job records the run;</li>
 *   <li>a run of {@code weekly-report} started by hand is reported once it failed, with its own times;</li>
 *   <li>checks health, applies the retention, deletes {@code weekly-report} (its runs go with it) and
 *       prints what is stored.</li>
 * </ol>
 *
 * <pre>
 * java io.opstate.examples.mimir.MimirHost
 * MIMIR_PERSISTENCE_BACKEND=postgres MIMIR_DATABASE_URL=postgres://user:pass@db-host:5432/mimir java ...MimirHost
 * </pre>
 */
public final class MimirHost {
    static final String SYNC_CONFIG = "{\"name\": \"Daily Data Sync\", \"steps\": [{\"name\": \"fetch\", \"plugin\":"
            + " \"Input.api\"}, {\"name\": \"store\", \"plugin\": \"Output.json\"}]}";
    static final String REPORT_CONFIG = "{\"name\": \"Weekly report\", \"steps\": [{\"name\": \"render\", \"plugin\":"
            + " \"Output.html\"}]}";

    private MimirHost() {
    }

    /** What the scenario left in the store. */
    public record Outcome(List<ScheduledJob> jobs, List<PipelineConfig> pipelines, List<JobExecutionRecord> dailyRuns,
                          String manualRunId, int expired) {
    }

    public static void main(String[] args) {
        MimirPersistenceConfig mimir = MimirPersistenceConfig.load(Map.of(), System.getenv());
        PersistenceConfig config = mimir.toPersistenceConfig();
        System.out.printf("Persistence initialized with %s backend at: %s%n", mimir.backend(), Urls.mask(config.url()));
        try (PersistenceBackend backend = new OpStatePersistence(Persistence.open(config))) {
            print(run(backend, mimir.retention(), System.out), System.out);
        }
    }

    /** Runs the scenario on {@code backend}, keeping runs for {@code retention}. */
    public static Outcome run(PersistenceBackend backend, Duration retention, PrintStream out) {
        out.printf("Loaded %d jobs from persistence%n", backend.listJobs().size());
        backend.savePipeline(PipelineConfig.of("sync.yaml", "Daily data sync", SYNC_CONFIG));
        backend.savePipeline(PipelineConfig.of("report.yaml", null, REPORT_CONFIG));
        backend.saveJob(ScheduledJob.of("daily-sync", "Daily Data Sync", "sync.yaml", "0 2 * * *"));
        backend.saveJob(ScheduledJob.of("weekly-report", "Weekly report", "report.yaml", "0 6 * * 1").withEnabled(false));

        JobExecutionRecord run = JobExecutionRecord.started(UUID.randomUUID().toString(), "daily-sync", "sync.yaml",
                "scheduler");
        backend.saveExecution(run);
        backend.saveExecution(run.withSteps("[{\"name\": \"fetch\", \"status\": \"completed\"}]"));
        backend.saveExecution(run.withSteps("[{\"name\": \"fetch\", \"status\": \"completed\"},"
                        + " {\"name\": \"store\", \"status\": \"completed\"}]")
                .ended(MimirStatuses.COMPLETED, null, "{\"rows\": 120, \"output\": \"/app/data/sync.json\"}"));
        ScheduledJob daily = backend.getJob("daily-sync").orElseThrow();
        backend.updateJob(daily.withLastRun(Instant.now().truncatedTo(ChronoUnit.MICROS),
                "{\"status\": \"completed\", \"rows\": 120}"));
        out.println("daily-sync ran and completed");

        Instant manualEnd = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String manualRunId = UUID.randomUUID().toString();
        backend.saveExecution(new JobExecutionRecord(manualRunId, "weekly-report", "report.yaml",
                manualEnd.minusSeconds(95), manualEnd, null, MimirStatuses.FAILED, "upstream API returned 503", null,
                "[{\"name\": \"render\", \"status\": \"failed\"}]", "alice"));
        out.println("weekly-report, started by alice, failed");

        backend.health();
        int expired = backend.deleteOldExecutions(Instant.now().minus(retention));
        out.printf("Retention (%d days): %d runs deleted%n", retention.toDays(), expired);
        backend.deleteJob("weekly-report");
        out.println("Deleted weekly-report and its runs");
        return new Outcome(backend.listJobs(), backend.listPipelines(), backend.listExecutions("daily-sync", 10),
                manualRunId, expired);
    }

    static void print(Outcome outcome, PrintStream out) {
        out.printf("%d pipelines: %s%n", outcome.pipelines().size(),
                outcome.pipelines().stream().map(PipelineConfig::name).toList());
        for (ScheduledJob job : outcome.jobs()) {
            out.printf("job %-12s '%s' cron '%s' enabled=%s next %s, last %s -> %s%n", job.id(), job.pipeline(),
                    job.cronExpr(), job.enabled(), job.nextRun(), job.lastRun(), job.lastResult());
        }
        for (JobExecutionRecord run : outcome.dailyRuns()) {
            out.printf("run %s of %s: %s in %d ms by %s, context %s%n", run.id(), run.jobId(), run.status(),
                    run.duration() == null ? -1 : run.duration().toMillis(), run.triggeredBy(), run.context());
        }
    }
}
