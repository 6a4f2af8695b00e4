package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.operations.StoreObserver;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    void theHostsObserverIsToldOfEveryEventAsBefore() throws Exception {
        List<String> told = new ArrayList<>();
        StoreObserver host = (StoreObserver) Proxy.newProxyInstance(StoreObserver.class.getClassLoader(),
                new Class<?>[] {StoreObserver.class}, (proxy, method, args) -> {
                    told.add(method.getName() + Arrays.toString(args));
                    return null;
                });
        CommitCrowd crowd = new CommitCrowd();
        StoreObserver watching = crowd.watching(host);

        // every method of the interface, so that one added later and not forwarded fails here
        List<String> expected = new ArrayList<>();
        for (Method method : StoreObserver.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Object[] args = Arrays.stream(method.getParameterTypes()).map(CommitCrowdTest::sample).toArray();
            for (int i = 0; i < 3; i++) {
                method.invoke(watching, args);
                expected.add(method.getName() + Arrays.toString(args));
            }
        }

        assertThat(expected).anyMatch(call -> call.startsWith("batchCommitted"));
        assertThat(told).containsExactlyElementsOf(expected);
        assertThat(crowd.crowded()).as("three batches of 64").isTrue();
    }

    private static Object sample(Class<?> type) {
        if (type == int.class) {
            return 64;
        } else if (type == long.class) {
            return 7L;
        } else if (type == boolean.class) {
            return true;
        } else if (type == String.class) {
            return "writer";
        } else if (type == Duration.class) {
            return Duration.ofMillis(3);
        }
        return null;
    }

    private static void commit(CommitCrowd crowd, int times, int writes) {
        for (int i = 0; i < times; i++) {
            crowd.committed(writes);
        }
    }
}
