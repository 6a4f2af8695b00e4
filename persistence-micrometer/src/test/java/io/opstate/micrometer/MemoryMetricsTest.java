package io.opstate.micrometer;

import io.opstate.PersistenceConfig;

class MemoryMetricsTest extends StoreMetricsContract {
    @Override
    PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }

    @Override
    boolean knowsItsSize() {
        return false;
    }

    @Override
    boolean isSql() {
        return false;
    }
}
