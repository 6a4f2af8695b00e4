package io.opstate.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClaimConcurrencyTest {
    private static final int JOBS = 5_000;
    private static final int WORKERS = 8;

    @Test
    @Timeout(10)
    void eightWorkersClaimEveryJobExactlyOnce() throws Exception {
        try (Datastore store = Persistence.open("memory:")) {
            JobRepository jobs = store.jobs();
            jobs.createAll(IntStream.range(0, JOBS).mapToObj(i -> NewJob.of("t" + i % 3).withPriority(i % 7)).toList());
            Set<String> claimed = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    String worker = "w" + w;
                    results.add(pool.submit(() -> {
                        int count = 0;
                        Optional<Job> job;
                        while ((job = jobs.claimNext(worker, Set.of(), Duration.ofMinutes(5))).isPresent()) {
                            assertThat(claimed.add(job.get().id())).isTrue();
                            jobs.complete(job.get().id(), job.get().fencingToken(), null);
                            count++;
                        }
                        return count;
                    }));
                }
                int total = 0;
                for (Future<Integer> result : results) {
                    total += result.get();
                }
                assertThat(total).isEqualTo(JOBS);
                assertThat(claimed).hasSize(JOBS);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
