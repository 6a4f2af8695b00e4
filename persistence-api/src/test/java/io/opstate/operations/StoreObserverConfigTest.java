package io.opstate.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The observer on the configuration: none by default, kept by toBuilder, and guarded. */
class StoreObserverConfigTest {

    @Test
    @DisplayName("no observer by default; null is refused, naming observer")
    void defaultAndNull() {
        assertThat(PersistenceConfig.builder("memory:").build().observer()).isSameAs(StoreObserver.NONE);
        assertThatThrownBy(() -> PersistenceConfig.builder("memory:").observer(null).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("observer");
    }

    @Test
    @DisplayName("the observer set is told every event, also through a copy made with toBuilder")
    void toldThroughCopies() {
        List<String> told = new ArrayList<>();
        StoreObserver observer = new StoreObserver() {
            @Override
            public void migrated(int fromVersion, int toVersion, Duration took) {
                told.add("migrated " + fromVersion + " " + toVersion);
            }

            @Override
            public void batchCommitted(int writes, long nanos) {
                told.add("batch " + writes);
            }

            @Override
            public void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
                told.add(task + " " + succeeded);
            }
        };
        PersistenceConfig config = PersistenceConfig.builder("memory:").observer(observer).build()
                .toBuilder().poolMaxSize(3).build();
        config.observer().migrated(0, 11, Duration.ofMillis(5));
        config.observer().batchCommitted(4, 1_000);
        config.observer().poolOpened("pool", null);
        config.observer().maintenanceTaskFinished("optimize", false, Duration.ZERO);
        assertThat(told).containsExactly("migrated 0 11", "batch 4", "optimize false");
    }

    @Test
    @DisplayName("an exception the observer throws is logged and dropped, never the caller's")
    void guarded() {
        StoreObserver broken = new StoreObserver() {
            @Override
            public void batchCommitted(int writes, long nanos) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
                throw new IllegalStateException("broken");
            }
        };
        StoreObserver guarded = PersistenceConfig.builder("memory:").observer(broken).build().observer();
        guarded.batchCommitted(1, 1);
        guarded.maintenanceTaskFinished("checkpoint", true, Duration.ZERO);
        assertThat(PersistenceConfig.builder("memory:").observer(guarded).build().observer())
                .as("guarded once").isSameAs(guarded);
    }
}
