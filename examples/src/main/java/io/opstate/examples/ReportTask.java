package io.opstate.examples;

import io.opstate.jobs.Job;
import io.opstate.jobs.JobProgress;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The work behind one report job, simulated: each stage takes a few milliseconds, and the
 * payload's {@code simulate} field says whether rendering fails ({@code broken}: always;
 * {@code flaky}: on the first attempt only).
 */
final class ReportTask {
    private final String report;
    private final long sizeBytes;
    private final String behaviour;

    private ReportTask(String report, long sizeBytes, String behaviour) {
        this.report = report;
        this.sizeBytes = sizeBytes;
        this.behaviour = behaviour;
    }

    static ReportTask of(Job job) {
        return new ReportTask(
                Json.field(job.payload(), "report", job.id()),
                Long.parseLong(Json.field(job.payload(), "sizeBytes", "0")),
                Json.field(job.payload(), "simulate", "ok"));
    }

    String report() {
        return report;
    }

    /** Does one stage of the work, on the given attempt (1 for the first claim). */
    void perform(String stage, int attempt) throws Failure {
        try {
            Thread.sleep(5 + sizeBytes / 500_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(stage, "interrupted", e);
        }
        boolean fails = behaviour.equals("broken") || (behaviour.equals("flaky") && attempt == 1);
        if (stage.equals("render") && fails) {
            throw new Failure(stage, "render: template service timed out", null);
        }
    }

    /** Progress as {@code stage} begins: the stage and a status line; the counters stay as they are. */
    JobProgress progressBefore(String stage) {
        return JobProgress.none().withStage(stage).withMessage("working on " + stage);
    }

    /** Progress once {@code stage} is done: the stage, the bytes handled so far, the fraction they make. */
    JobProgress progressAfter(String stage) {
        int stagesDone = ReportPipeline.STAGES.indexOf(stage) + 1;
        long bytesDone = sizeBytes * stagesDone / ReportPipeline.STAGES.size();
        return JobProgress.bytes(bytesDone, sizeBytes).withStage(stage).withMessage(stage + " done");
    }

    String resultJson() {
        return "{\"report\": " + Json.quote(report) + ", \"location\": "
                + Json.quote("s3://reports/daily/" + report + ".pdf") + ", \"bytes\": " + sizeBytes + "}";
    }

    /** Metadata of the history event recording an attempt's outcome. */
    String eventJson(int attempt, String error) {
        return "{\"report\": " + Json.quote(report) + ", \"attempt\": " + attempt
                + (error == null ? "" : ", \"error\": " + Json.quote(error)) + "}";
    }

    /** A failed stage; the message is the short error, {@link #detail()} the diagnostic. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String stage;

        Failure(String stage, String message, Throwable cause) {
            super(message, cause);
            this.stage = stage;
        }

        String stage() {
            return stage;
        }

        /** The stack trace, as a worker would store it for later diagnosis. */
        String detail() {
            StringWriter trace = new StringWriter();
            printStackTrace(new PrintWriter(trace));
            return trace.toString();
        }
    }
}
