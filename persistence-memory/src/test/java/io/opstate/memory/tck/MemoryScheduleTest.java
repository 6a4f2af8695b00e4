package io.opstate.memory.tck;

import io.opstate.PersistenceConfig;
import io.opstate.tck.ScheduleContract;

class MemoryScheduleTest extends ScheduleContract {
    @Override
    protected PersistenceConfig.Builder freshStore() {
        return PersistenceConfig.builder("memory:");
    }
}
