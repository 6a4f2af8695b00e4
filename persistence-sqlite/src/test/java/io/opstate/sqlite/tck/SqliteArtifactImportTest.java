package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ArtifactImportContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteArtifactImportTest extends ArtifactImportContract {
    @TempDir
    Path folder;

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("jdbc:sqlite:" + folder.resolve("store.db"));
    }
}
