package io.opstate.jdbc.internal.jobs;

import io.opstate.jdbc.internal.CompiledSql;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jobs.Job;
import java.util.Optional;

/**
 * Reads one job by id, or the one holding a dedup key, on a given connection: a reader's for
 * {@code find}, or a write's, to explain why a guarded statement matched nothing.
 */
final class JobLookup {
    private final JdbcContext context;
    private final JobMapper mapper;
    private final CompiledSql byId;
    private final CompiledSql unfinishedByDedupKey;

    JobLookup(JdbcContext context, JobMapper mapper) {
        this.context = context;
        this.mapper = mapper;
        this.byId = context.compile(JobSql.BY_ID);
        this.unfinishedByDedupKey = context.compile(JobSql.SELECT + " WHERE dedup_key = :dedupKey AND "
                + JobSql.HOLDS_DEDUP_KEY);
    }

    Optional<Job> find(PlainConnection connection, String id) {
        return context.jdbc().queryAtMostOne(connection, byId, params -> params.text("id", id), mapper);
    }

    /** The unfinished job holding {@code dedupKey}; the unique index allows at most one. */
    Optional<Job> unfinishedByDedupKey(PlainConnection connection, String dedupKey) {
        return context.jdbc().queryAtMostOne(connection, unfinishedByDedupKey, params -> params.text("dedupKey", dedupKey),
                mapper);
    }
}
