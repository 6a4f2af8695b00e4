package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.StoreContract;

/** The temporary form of the URL: a private file deleted on close. */
class SqliteTemporaryStoreTest extends StoreContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("jdbc:sqlite:");
    }
}
