package io.opstate.postgres.claims;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A worker process for {@link MultiProcessClaimTest}: claims and completes jobs of type
 * {@code bulk} on {@code threads} threads until the queue is empty, then prints how many it
 * completed. Arguments: URL, schema, threads.
 */
public final class ClaimWorker {
    private ClaimWorker() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[2]);
        PersistenceConfig config = PersistenceConfig.builder(args[0]).schema(args[1]).poolMaxSize(threads).build();
        try (Datastore store = Persistence.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String worker = "pid" + ProcessHandle.current().pid() + "-" + t;
                    done.add(pool.submit(() -> drain(store, worker)));
                }
                int completed = 0;
                for (Future<Integer> future : done) {
                    completed += future.get();
                }
                System.out.println("completed " + completed);
            } finally {
                // A worker that failed must not leave the others' threads keeping this process alive.
                pool.shutdownNow();
            }
        }
    }

    private static int drain(Datastore store, String worker) {
        int completed = 0;
        Optional<Job> next;
        while ((next = store.jobs().claimNext(worker, Set.of("bulk"), Duration.ofMinutes(5))).isPresent()) {
            Job job = next.get();
            store.jobs().complete(job.id(), job.fencingToken(), "{\"by\": \"" + worker + "\"}");
            completed++;
        }
        return completed;
    }
}
