package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ArchiveContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresArchiveTest extends ArchiveContract {
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
