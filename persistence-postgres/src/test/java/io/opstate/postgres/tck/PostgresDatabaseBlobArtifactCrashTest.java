package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.postgres.testing.DatabaseBlobRows;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ArtifactCrashContract;
import io.opstate.tck.StoredBlobs;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SIGKILL proof on PostgreSQL with the blobs in the database ({@code opstate.artifact-storage=database}). */
class PostgresDatabaseBlobArtifactCrashTest extends ArtifactCrashContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private String schema;

    @Override
    protected Map<String, String> storeSettings() {
        schema = DATABASE.newSchema();
        return Map.of(PersistenceConfig.URL, PostgresTestDatabase.url(), PersistenceConfig.SCHEMA, schema,
                Settings.ARTIFACT_STORAGE.property(), "database");
    }

    @Override
    protected StoredBlobs blobs() {
        return new DatabaseBlobRows(schema);
    }
}
