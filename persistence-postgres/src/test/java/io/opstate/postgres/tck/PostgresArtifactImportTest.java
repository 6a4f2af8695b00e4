package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ArtifactImportContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresArtifactImportTest extends ArtifactImportContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return DATABASE.freshStore();
    }
}
