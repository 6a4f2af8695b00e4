package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import java.sql.SQLException;

/**
 * The rows of new jobs for a {@link MultiRowInsert}: jobs that several threads create at the same
 * moment go in one {@code INSERT ... RETURNING}, each with its own creation time. A duplicate id
 * is reported as the job's. Stateless, thread-safe.
 */
final class JobInserts implements MultiRowInsert.Table<NewJob, Job> {
    private final JobSql sql;

    JobInserts(JobSql sql) {
        this.sql = sql;
    }

    @Override
    public String row(String suffix, String now) {
        return sql.insertValues(suffix, now);
    }

    @Override
    public void bind(Params params, String suffix, NewJob job) throws SQLException {
        params.text("id" + suffix, job.id())
                .text("type" + suffix, job.type())
                .text("stage" + suffix, job.stage())
                .text("message" + suffix, job.message())
                .text("payload" + suffix, job.payload())
                .integer("maxAttempts" + suffix, job.maxAttempts())
                .integer("priority" + suffix, job.priority())
                .time("notBefore" + suffix, job.notBefore())
                .text("dedupKey" + suffix, job.dedupKey());
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
