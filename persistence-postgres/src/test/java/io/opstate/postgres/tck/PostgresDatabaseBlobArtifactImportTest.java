package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.postgres.testing.DatabaseBlobRows;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ArtifactImportContract;
import io.opstate.tck.StoredBlobs;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The artifact import contract with the blobs in the database ({@code opstate.artifact-storage=database}). */
class PostgresDatabaseBlobArtifactImportTest extends ArtifactImportContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private String schema;

    @Override
    protected PersistenceConfig.Builder freshStore() {
        schema = DATABASE.newSchema();
        return PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).timeSource(TimeSource.HOST);
    }

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.artifactStorage(ArtifactStorage.DATABASE);
    }

    @Override
    protected StoredBlobs blobs() {
        return new DatabaseBlobRows(schema);
    }
}
