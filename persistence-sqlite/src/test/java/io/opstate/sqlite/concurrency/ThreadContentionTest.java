package io.opstate.sqlite.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.StoreSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight writer and eight reader threads share one store for a few seconds. The single writer
 * connection and the read-only pool must keep SQLITE_BUSY away from every thread, and at the end
 * the counts must add up: nothing lost, nothing claimed twice.
 */
class ThreadContentionTest {
    private static final int WRITERS = 8;
    private static final int READERS = 8;
    private static final Duration RUN = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofMinutes(10);

    @TempDir
    Path folder;

    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    @Test
    @Timeout(20)
    void writersAndReadersMeetNoErrorsAndTheCountsAddUp() throws Exception {
        try (Datastore store = Persistence.open(SqliteFile.url(folder.resolve("contended.db")))) {
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
            CountDownLatch start = new CountDownLatch(1);
            long end = System.nanoTime() + RUN.toNanos();
            for (int i = 0; i < WRITERS; i++) {
                String worker = "writer-" + i;
                threads.submit(() -> untilEnd(start, end, () -> writeRound(store, worker)));
            }
            for (int i = 0; i < READERS; i++) {
                threads.submit(() -> untilEnd(start, end, () -> readRound(store)));
            }
            start.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(15, TimeUnit.SECONDS)).as("threads finished").isTrue();

            assertThat(failures).as("exceptions in worker threads").isEmpty();
            assertThat(created.get()).as("jobs created").isPositive();
            assertThat(reads.get()).as("reads made").isPositive();
            Map<JobStatus, Long> counts = store.jobs().countByStatus(JobQuery.all());
            assertThat(counts.get(JobStatus.SUCCEEDED)).isEqualTo(completed.get());
            assertThat(counts.get(JobStatus.QUEUED) + counts.get(JobStatus.SUCCEEDED)).isEqualTo(created.get());
            assertThat(counts.get(JobStatus.RUNNING)).isZero();
            List<Job> jobs = StoreSnapshot.readAll(page -> store.jobs().list(JobQuery.all(), page));
            assertThat(jobs).filteredOn(j -> j.status() == JobStatus.SUCCEEDED)
                    .allSatisfy(j -> assertThat(j.attempts()).as("claims of %s", j.id()).isEqualTo(1));
            assertThat(StoreSnapshot.readAll(page -> store.history().list(HistoryQuery.all(), page)))
                    .hasSize((int) appended.get());
        }
    }

    private void untilEnd(CountDownLatch start, long end, Runnable round) {
        try {
            start.await();
            while (System.nanoTime() < end) {
                round.run();
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private void writeRound(Datastore store, String worker) {
        Job job = store.jobs().create(NewJob.of("work").withPayload("{\"by\": \"" + worker + "\"}"));
        created.incrementAndGet();
        store.history().append(NewHistoryEvent.of("job.created").withSubjectId(job.id())
                .withMetadata("{\"worker\": \"" + worker + "\"}"));
        appended.incrementAndGet();
        Optional<Job> claimed = store.jobs().claimNext(worker, Set.of("work"), LEASE);
        if (claimed.isPresent()) {
            Job mine = claimed.get();
            store.jobs().reportProgress(mine.id(), mine.fencingToken(), JobProgress.fraction(0.5).withStage("half"));
            store.jobs().complete(mine.id(), mine.fencingToken(), "{\"done\": true}");
            completed.incrementAndGet();
        }
    }

    private void readRound(Datastore store) {
        List<Job> page = store.jobs().list(JobQuery.all(), PageRequest.first(20)).items();
        store.jobs().countByStatus(JobQuery.all().withStatuses(JobStatus.QUEUED, JobStatus.RUNNING));
        store.history().list(HistoryQuery.all(), PageRequest.first(20));
        if (!page.isEmpty()) {
            store.jobs().get(page.get(0).id());
        }
        reads.incrementAndGet();
    }
}
