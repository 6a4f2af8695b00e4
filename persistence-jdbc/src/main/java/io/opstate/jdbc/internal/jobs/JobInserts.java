package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The rows of new jobs for a {@link MultiRowInsert}: jobs that several threads create at the same
 * moment go in one {@code INSERT ... RETURNING}, each with its own creation time. A duplicate id
 * is reported as the job's. A new job's row is its input, queued, never claimed, version 1 and
 * stamped with its creation time, so it reads back as {@link #stored} builds it. Stateless,
 * thread-safe.
 */
final class JobInserts implements MultiRowInsert.StoredAsGiven<NewJob, Job> {
    private final JobSql sql;

    JobInserts(JobSql sql) {
        this.sql = sql;
    }

    @Override
    public String row(String suffix, String now) {
        return sql.insertValues(suffix, now);
    }

    @Override
    public void bind(Params params, NewJob job) throws SQLException {
        params.text("id", job.id())
                .text("type", job.type())
                .text("stage", job.stage())
                .text("message", job.message())
                .text("payload", job.payload())
                .integer("maxAttempts", job.maxAttempts())
                .integer("priority", job.priority())
                .time("notBefore", job.notBefore())
                .text("dedupKey", job.dedupKey());
    }

    /** The job {@link JobSql#insertValues} writes: keep the two alike. */
    @Override
    public Job stored(NewJob job, Instant now) {
        return new Job(job.id(), job.type(), JobStatus.QUEUED, job.stage(), null, 0, null, job.message(), job.payload(),
                null, null, null, 0, job.maxAttempts(), job.priority(), now, now, null, null,
                job.notBefore() == null ? now : job.notBefore(), null, null, 0, 1, job.dedupKey());
    }

    @Override
    public ErrorContext about(NewJob job) {
        return ErrorContext.of("job", job.id());
    }

    @Override
    public String id(Job stored) {
        return stored.id();
    }
}
