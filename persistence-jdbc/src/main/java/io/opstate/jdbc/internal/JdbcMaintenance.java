package io.opstate.jdbc.internal;

import io.opstate.Health;
import io.opstate.Maintenance;
import io.opstate.PersistenceException;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.jdbc.StorageProbe;
import io.opstate.jdbc.internal.retention.JdbcRetention;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;

/** Health of a SQL store (a round trip, the applied schema version and the size on disk) and its retention. */
public final class JdbcMaintenance implements Maintenance {
    private static final String SCHEMA_VERSION = "SELECT version FROM " + SchemaMigrator.HISTORY_TABLE
            + " WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    private final Database database;
    private final String backendName;
    private final StorageProbe probe;
    private final JdbcRetention retention;

    public JdbcMaintenance(Database database, String backendName, StorageProbe probe, JdbcRetention retention) {
        this.database = database;
        this.backendName = backendName;
        this.probe = probe;
        this.retention = retention;
    }

    @Override
    public RetentionReport prune(RetentionPolicy policy, PruneMode mode, ProgressListener listener,
                                 Cancellation cancellation) {
        return retention.prune(policy, mode, listener, cancellation);
    }

    /** Reports an unreachable store instead of throwing; a closed store still throws. */
    @Override
    public Health health() {
        database.ensureOpen();
        try {
            return database.read(ErrorContext.NONE, handle -> new Health(backendName, true,
                    handle.createQuery(SCHEMA_VERSION).mapTo(String.class).findFirst().orElse(null),
                    probe.storageBytes(handle), probe.location()));
        } catch (PersistenceException | IllegalStateException e) {
            return new Health(backendName, false, null, null, probe.location() + ": " + e.getMessage());
        }
    }
}
