package io.opstate.jdbc.internal.jobs;

import io.opstate.jobs.Job;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads one job by id on a given handle: the read that explains why a guarded update matched nothing. */
final class JobLookup {
    private final JobMapper mapper;

    JobLookup(JobMapper mapper) {
        this.mapper = mapper;
    }

    Optional<Job> find(Handle handle, String id) {
        return handle.createQuery(JobSql.BY_ID).bind("id", id).map(mapper).findOne();
    }
}
