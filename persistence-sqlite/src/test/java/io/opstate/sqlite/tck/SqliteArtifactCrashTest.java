package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.ArtifactCrashContract;
import io.opstate.tck.FileBlobs;
import io.opstate.tck.StoredBlobs;
import java.util.Map;

/** The SIGKILL proof on a SQLite file, its blobs under the default root beside it. */
class SqliteArtifactCrashTest extends ArtifactCrashContract {
    @Override
    protected Map<String, String> storeSettings() {
        return Map.of(PersistenceConfig.URL, SqliteFile.url(folder.resolve("crash.db")));
    }

    @Override
    protected StoredBlobs blobs() {
        return new FileBlobs(folder.resolve("crash.db.artifacts"));
    }
}
