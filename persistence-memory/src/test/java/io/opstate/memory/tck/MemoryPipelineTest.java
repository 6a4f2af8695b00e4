package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.PipelineContract;

class MemoryPipelineTest extends PipelineContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
