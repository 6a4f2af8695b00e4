package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.Job;
import java.util.Optional;

/**
 * Reads one job by id on a given connection: a reader's for {@code find}, or a write's handle's,
 * to explain why a guarded update matched nothing.
 */
final class JobLookup {
    private final JdbcContext context;
    private final JobMapper mapper;
    private final CompiledSql byId;

    JobLookup(JdbcContext context, JobMapper mapper) {
        this.context = context;
        this.mapper = mapper;
        this.byId = context.compile(JobSql.BY_ID);
    }

    Optional<Job> find(PlainConnection connection, String id) {
        return context.jdbc().queryAtMostOne(connection, byId, params -> params.text("id", id), mapper);
    }
}
