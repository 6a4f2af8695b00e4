package io.opstate.postgres.internal;

import io.opstate.jdbc.StorageProbe;
import org.jdbi.v3.core.Handle;

/**
 * Where a PostgreSQL store lives (URL with the password masked, and schema) and the size of its
 * tables with their indexes.
 */
final class PostgresProbe implements StorageProbe {
    private static final String SIZE = "SELECT CAST(COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS bigint)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')";

    private final PostgresLocation location;

    PostgresProbe(PostgresLocation location) {
        this.location = location;
    }

    @Override
    public String location() {
        return location.describe();
    }

    @Override
    public Long storageBytes(Handle handle) {
        return handle.createQuery(SIZE).mapTo(Long.class).one();
    }
}
