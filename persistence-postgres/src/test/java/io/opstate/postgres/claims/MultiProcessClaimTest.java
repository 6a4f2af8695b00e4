package io.opstate.postgres.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.postgres.testing.ChildProcesses;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.StoreSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several worker processes, several threads each, drain one queue: every job done exactly once, none
 * lost, no fencing token drawn twice.
 */
class MultiProcessClaimTest {
    private static final int JOBS = 20_000;
    private static final int PROCESSES = 3;
    private static final int THREADS = 4;

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @TempDir
    Path folder;

    @Test
    @Timeout(5 * 60)
    void everyJobCompletedExactlyOnceAcrossProcesses() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .build())) {
            for (int batch = 0; batch < JOBS / 1_000; batch++) {
                store.jobs().createAll(IntStream.range(0, 1_000)
                        .mapToObj(i -> NewJob.of("bulk").withPriority(i % 5)).toList());
            }
            int completed = 0;
            long started = System.nanoTime();
            try (ChildProcesses children = new ChildProcesses(folder)) {
                for (int p = 0; p < PROCESSES; p++) {
                    children.start(ClaimWorker.class, PostgresTestDatabase.url(), schema, Integer.toString(THREADS));
                }
                children.awaitSuccess(Duration.ofMinutes(4));
                for (int p = 0; p < PROCESSES; p++) {
                    List<String> output = children.output(p);
                    assertThat(output).as("output of worker %d", p).hasSize(1);
                    int count = Integer.parseInt(output.get(0).replace("completed ", ""));
                    assertThat(count).as("jobs completed by worker process %d", p).isPositive();
                    completed += count;
                }
            }
            System.out.printf("%d processes x %d threads completed %d jobs in %d ms%n", PROCESSES, THREADS, completed,
                    (System.nanoTime() - started) / 1_000_000);

            assertThat(completed).isEqualTo(JOBS);
            assertThat(store.jobs().countByStatus(JobQuery.all())).containsEntry(JobStatus.SUCCEEDED, (long) JOBS)
                    .containsEntry(JobStatus.QUEUED, 0L).containsEntry(JobStatus.RUNNING, 0L);
            List<Job> jobs = StoreSnapshot.readAll(page -> store.jobs().list(JobQuery.all(), page));
            assertThat(jobs).hasSize(JOBS).allSatisfy(job -> {
                assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(job.attempts()).isEqualTo(1);
                assertThat(job.fencingToken()).isPositive();
                assertThat(job.version()).isEqualTo(3);
                assertThat(job.result()).contains(job.workerId());
            });
            assertThat(jobs).extracting(Job::fencingToken).as("tokens drawn by claims in three processes")
                    .doesNotHaveDuplicates();
        }
    }
}
