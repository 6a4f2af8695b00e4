package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ArchiveRecordsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresArchiveRecordsTest extends ArchiveRecordsContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return DATABASE.freshStore();
    }

    @Override
    protected PersistenceConfig.Builder secondStore() {
        return DATABASE.freshStore();
    }
}
