package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ResourceQueryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresResourceQueryTest extends ResourceQueryContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return DATABASE.freshStore();
    }
}
