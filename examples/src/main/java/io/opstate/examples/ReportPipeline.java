package io.opstate.examples;

import io.opstate.Datastore;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The example's domain: a "nightly-report" pipeline that renders reports, run every night by a
 * cron schedule, each report being one job. Defining it is idempotent, so the quickstart can run
 * again and again on the same database file.
 */
final class ReportPipeline {
    static final String PIPELINE = "nightly-report";
    static final String SCHEDULE_ID = "nightly-report-0200";
    static final String CRON = "0 2 * * *";
    static final String JOB_TYPE = "report.render";
    static final List<String> STAGES = List.of("fetch", "render", "upload");

    static final int JOB_COUNT = 20;
    /** Reports that fail once and then succeed on retry. */
    static final List<Integer> FLAKY = List.of(6, 13);
    /** A report that fails every attempt and ends failed. */
    static final int BROKEN = 17;
    static final int BROKEN_MAX_ATTEMPTS = 2;

    private static final String DESCRIPTION = "Renders the daily reports and uploads them";
    private static final String CONFIG = """
            {"steps": ["fetch", "render", "upload"], "output": "s3://reports/daily", "format": "pdf"}""";

    private ReportPipeline() {
    }

    /**
     * Creates the pipeline and its schedule, or brings them up to date if an earlier run made them:
     * {@code save} creates or replaces in one step, with no version to read first, and keeps the
     * schedule's next run when its timing did not change.
     */
    static Schedule defineIn(Datastore store, PrintStream out) {
        Pipeline pipeline = store.pipelines().save(NewPipeline.of(PIPELINE, CONFIG).withDescription(DESCRIPTION));
        Schedule schedule = store.schedules().save(NewSchedule.of("Nightly report", PIPELINE, CRON).withId(SCHEDULE_ID));
        String action = pipeline.version() == 1 ? "created" : "updated";
        store.history().append(NewHistoryEvent.of("pipeline." + action).withSubjectId(PIPELINE)
                .withMetadata("{\"version\": " + pipeline.version() + ", \"schedule\": \"" + SCHEDULE_ID + "\"}"));
        out.printf("Pipeline %s %s (version %d); schedule '%s' next runs at %s%n",
                PIPELINE, action, pipeline.version(), CRON, schedule.nextRunAt());
        return schedule;
    }

    /** Enqueues one job per report, all in one transaction. */
    static List<Job> enqueueBatch(Datastore store) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 1; i <= JOB_COUNT; i++) {
            NewJob job = NewJob.of(JOB_TYPE).withPayload(payload(i)).withMessage("waiting for a worker");
            if (i % 5 == 0) {
                job = job.withPriority(10);
            }
            if (i == BROKEN) {
                job = job.withMaxAttempts(BROKEN_MAX_ATTEMPTS);
            }
            jobs.add(job);
        }
        List<Job> created = store.jobs().createAll(jobs);
        store.history().append(NewHistoryEvent.of("batch.enqueued").withSubjectId(PIPELINE)
                .withMetadata("{\"jobs\": " + created.size() + "}"));
        return created;
    }

    /** The job's input. {@code simulate} tells the demo worker how this report behaves. */
    private static String payload(int i) {
        String behaviour = i == BROKEN ? "broken" : FLAKY.contains(i) ? "flaky" : "ok";
        return String.format("{\"report\": \"report-%02d\", \"sizeBytes\": %d, \"simulate\": \"%s\"}",
                i, 250_000L * i, behaviour);
    }
}
