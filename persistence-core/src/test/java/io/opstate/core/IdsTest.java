package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void generatesVersion7Rfc9562Uuids() {
        UUID uuid = UUID.fromString(Ids.newId());

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void carriesTheCurrentTimeInTheTop48Bits() {
        long before = System.currentTimeMillis();
        long millis = Ids.newUuid().getMostSignificantBits() >>> 16;
        long after = System.currentTimeMillis();

        // Ids run ahead of the clock only while more than 4096 are made in one millisecond (other tests do that).
        assertThat(millis).isBetween(before, after + 1_000);
    }

    @Test
    void isLowerCaseCanonicalText() {
        assertThat(Ids.newId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void strictlyIncreasesUnderManyCallsInOneMillisecondAndBeyond() {
        String previous = Ids.newId();
        for (int i = 0; i < 200_000; i++) {
            String next = Ids.newId();
            assertThat(next.compareTo(previous)).as("id %d", i).isPositive();
            previous = next;
        }
    }

    @Test
    void idsFromManyThreadsAreUniqueAndEachThreadSeesThemIncrease() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(Ids.newId());
                    }
                    return ids;
                });
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> future : pool.invokeAll(tasks)) {
                List<String> ids = future.get();
                assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
                all.addAll(ids);
            }
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stringOrderMatchesUuidTimeOrder() {
        UUID first = Ids.newUuid();
        UUID second = Ids.newUuid();

        assertThat(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits())).isNegative();
        assertThat(first.toString()).isLessThan(second.toString());
    }
}
