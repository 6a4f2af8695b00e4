package io.opstate.sqlite.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.TransactionContract;

/** Transactions on the in-memory spelling of the URL, which opens a temporary file store. */
class SqliteTemporaryTransactionTest extends TransactionContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("jdbc:sqlite::memory:");
    }
}
