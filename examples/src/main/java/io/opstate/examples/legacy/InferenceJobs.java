package io.opstate.examples.legacy;

import io.opstate.examples.inference.PullJobLayout;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The inference server's {@code jobs} table (model pulls) as OpState jobs of type
 * {@value #TYPE}:
 * <ul>
 *   <li>{@code model}, {@code quantize}, {@code init} become the payload;
 *       {@code local_path}, {@code size_bytes}, {@code preferred_quantized} the result;</li>
 *   <li>statuses {@code queued}, {@code running}, {@code succeeded}, {@code failed} keep their
 *       meaning; a job that ran counts one attempt (the table has no retries);</li>
 *   <li>{@code downloaded_bytes} of {@code total_bytes}, and {@code progress}, become the job's
 *       progress; {@code error} its error, {@code traceback} its error detail;</li>
 *   <li>times are kept. A running job without {@code started_at} started when created; a
 *       finished one without {@code finished_at} finished when it started (OpState requires
 *       both).</li>
 * </ul>
 * A running job arrives with an expired lease, so the first worker claiming {@value #TYPE}
 * takes it over.
 */
final class InferenceJobs {
    /** The type of an imported pull. */
    static final String TYPE = PullJobLayout.TYPE;

    static final LegacyTable<Job> TABLE = new LegacyTable<>("jobs", "id", InferenceJobs::job);

    private InferenceJobs() {
    }

    static Job job(LegacyTable.Row row) throws SQLException {
        JobStatus status = status(row.text("status"));
        Instant createdAt = row.time("created_at");
        Instant startedAt = row.time("started_at");
        if (startedAt == null && status == JobStatus.RUNNING) {
            startedAt = createdAt;
        }
        Instant finishedAt = row.time("finished_at");
        if (finishedAt == null && status.isTerminal()) {
            finishedAt = startedAt != null ? startedAt : createdAt;
        }
        Long downloaded = row.number("downloaded_bytes");
        return Job.builder(row.text("id"), TYPE)
                .status(status)
                .payload(PullJobLayout.payload(row.text("model"), row.text("quantize"), row.bool("init")))
                .result(PullJobLayout.result(row.text("local_path"), row.number("size_bytes"),
                        row.bool("preferred_quantized")))
                .progress(row.decimal("progress"))
                .bytes(downloaded == null ? 0 : downloaded, row.number("total_bytes"))
                .error(row.text("error"), row.text("traceback"))
                .attempts(status == JobStatus.QUEUED ? 0 : 1, NewJob.DEFAULT_MAX_ATTEMPTS)
                .createdAt(createdAt)
                .startedAt(startedAt)
                .finishedAt(finishedAt)
                .build();
    }

    private static JobStatus status(String legacy) {
        return switch (legacy == null ? "" : legacy.strip()) {
            case "queued" -> JobStatus.QUEUED;
            case "running" -> JobStatus.RUNNING;
            case "succeeded" -> JobStatus.SUCCEEDED;
            case "failed" -> JobStatus.FAILED;
            default -> throw new IllegalArgumentException("jobs.status: unknown status '" + legacy
                    + "'; expected queued, running, succeeded or failed");
        };
    }
}
