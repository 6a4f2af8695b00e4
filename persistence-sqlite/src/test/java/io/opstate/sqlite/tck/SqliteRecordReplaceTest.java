package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.RecordReplaceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRecordReplaceTest extends RecordReplaceContract {
    @TempDir
    Path folder;

    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("jdbc:sqlite:" + folder.resolve("store.db"));
    }
}
