package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.RetentionContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRetentionTest extends RetentionContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return DATABASE.freshStore();
    }
}
