package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ArchiveContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The archive contract with the blobs of both stores in the database ({@code opstate.artifact-storage=database}). */
class PostgresDatabaseBlobArchiveTest extends ArchiveContract {
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

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.artifactStorage(ArtifactStorage.DATABASE);
    }
}
