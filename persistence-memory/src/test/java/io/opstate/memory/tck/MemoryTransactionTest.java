package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.TransactionContract;

class MemoryTransactionTest extends TransactionContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
