package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ArchiveRecordsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteArchiveRecordsTest extends ArchiveRecordsContract {
    @TempDir
    Path folder;

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("jdbc:sqlite:" + folder.resolve("store.db"));
    }

    @Override
    protected PersistenceConfig.Builder secondStore() {
        return PersistenceConfig.builder("jdbc:sqlite:" + folder.resolve("second.db"));
    }
}
