package io.opstate.jdbc.internal.search;

import io.opstate.TimeSource;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.internal.StoreTime;
import java.time.Clock;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 7: indexes the constructs and entries a store held before it had a search
 * index (version 6 created it empty). The words are made in Java, the same way every write makes
 * them, so this is a Java migration, shared by the SQL backends; it runs in the transaction of
 * the pending migrations, like the SQL ones, and a store created new runs it on empty tables.
 */
public final class SearchBackfill implements JavaMigration {
    /** The schema version this migration brings a store to. */
    public static final int VERSION = 7;

    private final SqlDialect dialect;

    public SearchBackfill(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(VERSION));
    }

    @Override
    public String getDescription() {
        return "opstate search backfill";
    }

    /** None: what it does follows from the stored rows, not from a script whose text could change. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        PlainConnection connection = PlainConnection.of(context.getConnection());
        StoreTime time = StoreTime.of(TimeSource.HOST, Clock.systemUTC(), dialect);
        SearchIndexRebuild.onConnection(dialect, time).run(new SearchIndexRebuild.Step() {
            @Override
            public <T> T run(Function<PlainConnection, T> work) {
                return work.apply(connection);
            }
        });
    }
}
