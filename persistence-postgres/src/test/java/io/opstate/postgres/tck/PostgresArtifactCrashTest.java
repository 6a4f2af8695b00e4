package io.opstate.postgres.tck;

import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.ArtifactCrashContract;
import io.opstate.tck.FileBlobs;
import io.opstate.tck.StoredBlobs;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SIGKILL proof on PostgreSQL with the blobs as files under a directory every host shares. */
class PostgresArtifactCrashTest extends ArtifactCrashContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected Map<String, String> storeSettings() {
        return Map.of(PersistenceConfig.URL, PostgresTestDatabase.url(), PersistenceConfig.SCHEMA, DATABASE.newSchema(),
                PersistenceConfig.ARTIFACT_ROOT, folder.resolve("shared").toString());
    }

    @Override
    protected StoredBlobs blobs() {
        return new FileBlobs(folder.resolve("shared"));
    }
}
