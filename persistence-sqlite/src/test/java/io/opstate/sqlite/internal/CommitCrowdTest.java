package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.operations.StoreObserver;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The crowd of a store's commits: when it forms and when it leaves, and that it loses no event of the host's observer. */
class CommitCrowdTest {
    @Test
    void commitsAreAloneUntilManyCallersShareThem() {
        CommitCrowd crowd = new CommitCrowd();
        commit(crowd, 100, 1);
        assertThat(crowd.crowded()).isFalse();

        commit(crowd, 1, 64);
        assertThat(crowd.crowded()).as("one full batch is not yet a crowd").isFalse();

        commit(crowd, 3, 64);
        assertThat(crowd.crowded()).isTrue();
    }

    @Test
    void aCrowdLeavesOnlyWhenCommitsAreFarBelowIt() {
        CommitCrowd crowd = new CommitCrowd();
        commit(crowd, 20, 64);

        commit(crowd, 100, 10);
        assertThat(crowd.crowded()).as("between the two lines it stays").isTrue();

        commit(crowd, 100, 1);
        assertThat(crowd.crowded()).isFalse();

        commit(crowd, 100, 12);
        assertThat(crowd.crowded()).as("between the two lines it stays alone").isFalse();
    }

    @Test
    void theHostsObserverIsToldOfEverythingAsBefore() {
        List<String> told = new ArrayList<>();
        StoreObserver host = new StoreObserver() {
            @Override
            public void migrated(int fromVersion, int toVersion, Duration took) {
                told.add("migrated " + fromVersion + " " + toVersion);
            }

            @Override
            public void batchCommitted(int writes, long nanos) {
                told.add("batch " + writes + " " + nanos);
            }

            @Override
            public void poolOpened(String name, DataSource pool) {
                told.add("pool " + name);
            }

            @Override
            public void maintenanceTaskFinished(String task, boolean succeeded, Duration took) {
                told.add("task " + task + " " + succeeded);
            }
        };
        CommitCrowd crowd = new CommitCrowd();
        StoreObserver watching = crowd.watching(host);

        watching.migrated(0, 16, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            watching.batchCommitted(64, 7);
        }
        watching.poolOpened("writer", null);
        watching.maintenanceTaskFinished("optimize", true, Duration.ZERO);

        assertThat(told).containsExactly("migrated 0 16", "batch 64 7", "batch 64 7", "batch 64 7", "pool writer",
                "task optimize true");
        assertThat(crowd.crowded()).isTrue();
    }

    @Test
    void theWatchingObserverOverridesEveryMethodOfTheInterface() throws Exception {
        Class<?> watching = new CommitCrowd().watching(StoreObserver.NONE).getClass();
        List<Method> methods = Arrays.stream(StoreObserver.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .toList();
        assertThat(methods).isNotEmpty();
        for (Method method : methods) {
            assertThat(watching.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass())
                    .as(method.getName())
                    .isEqualTo(watching);
        }
    }

    private static void commit(CommitCrowd crowd, int times, int writes) {
        for (int i = 0; i < times; i++) {
            crowd.committed(writes);
        }
    }
}
