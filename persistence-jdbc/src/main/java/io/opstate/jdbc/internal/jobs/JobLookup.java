package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jobs.Job;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads one job by id on a given handle: the read that explains why a guarded update matched nothing. */
final class JobLookup {
    private final JdbcContext context;
    private final JobMapper mapper;
    private final CompiledSql byId;

    JobLookup(JdbcContext context, JobMapper mapper) {
        this.context = context;
        this.mapper = mapper;
        this.byId = context.compile(JobSql.BY_ID);
    }

    Optional<Job> find(Handle handle, String id) {
        return context.jdbc().queryAtMostOne(handle, byId, params -> params.text("id", id), mapper);
    }
}
