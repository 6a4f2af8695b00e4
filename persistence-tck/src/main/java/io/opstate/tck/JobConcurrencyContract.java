package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.DuplicateKeyException;
import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.core.StoreOrder;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads on one store: claims are exclusive, nothing is lost, sequences stay unique. */
public abstract class JobConcurrencyContract extends TckSupport {
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("8 threads claiming 5,000 queued jobs until none is left: each claimed exactly once, none lost,"
            + " no token given twice")
    void everyJobClaimedExactlyOnce() throws Exception {
        drainExactlyOnce(5_000, worker -> jobs().claimNext(worker, Set.of("bulk"), LEASE).stream().toList());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("8 threads claiming batches of up to 7 from 3,000 queued jobs: each claimed exactly once, no token"
            + " given twice")
    void everyJobClaimedExactlyOnceInBatches() throws Exception {
        drainExactlyOnce(3_000, worker -> {
            List<Job> claimed = jobs().claimBatch(worker, Set.of("bulk"), LEASE, 7);
            assertThat(claimed.size()).isLessThanOrEqualTo(7);
            return claimed;
        });
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("8 workers claiming at once, each with its own worker id, lease and batch size (claims that meet"
            + " may share a statement): each job goes to one worker, under that worker's id and lease, in claim order,"
            + " no claim gets more than it asked")
    void simultaneousClaimsKeepEachWorkersOwnIdAndLease() throws Exception {
        int count = 1_200;
        jobs().createAll(IntStream.range(0, count).mapToObj(i -> NewJob.of("mixed").withPriority(i % 5)).toList());
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger threads = new AtomicInteger();

        List<Integer> perThread = onAllThreads(() -> {
            int thread = threads.getAndIncrement();
            String worker = "worker-" + thread;
            Duration lease = Duration.ofMinutes(thread + 1);
            int asked = thread % 4 + 1;
            int taken = 0;
            List<Job> claimed;
            while (!(claimed = asked == 1
                    ? jobs().claimNext(worker, Set.of("mixed"), lease).stream().toList()
                    : jobs().claimBatch(worker, Set.of("mixed"), lease, asked)).isEmpty()) {
                if (claimed.size() > asked) {
                    problems.add(worker + " asked for " + asked + " and got " + claimed.size());
                }
                if (!claimed.equals(claimed.stream().sorted(StoreOrder.CLAIM).toList())) {
                    problems.add(worker + " got jobs out of claim order: " + claimed);
                }
                for (Job job : claimed) {
                    if (!worker.equals(job.workerId()) || job.status() != JobStatus.RUNNING
                            || !lease.equals(Duration.between(job.startedAt(), job.leaseExpiresAt()))) {
                        problems.add(worker + " with a lease of " + lease + " got " + job);
                    }
                    if (claimedBy.putIfAbsent(job.id(), worker) != null) {
                        problems.add("claimed twice: " + job.id());
                    }
                }
                taken += claimed.size();
            }
            return taken;
        });

        assertThat(problems).isEmpty();
        assertThat(perThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
        assertThat(claimedBy).hasSize(count);
        assertThat(StoreSnapshot.readAll(page -> jobs().list(JobQuery.all(), page))).allSatisfy(job -> {
            assertThat(job.workerId()).isEqualTo(claimedBy.get(job.id()));
            assertThat(job.leaseExpiresAt()).isEqualTo(job.startedAt()
                    .plus(Duration.ofMinutes(Integer.parseInt(job.workerId().substring("worker-".length())) + 1)));
        });
    }

    /**
     * Queues {@code count} jobs, then {@link #THREADS} threads claim with {@code claim} (the jobs
     * one call claimed, none when the queue is empty) and complete until nothing is left; every
     * job must have been claimed exactly once, at its first attempt, each claim with a token of
     * its own.
     */
    private void drainExactlyOnce(int count, Function<String, List<Job>> claim) throws Exception {
        List<NewJob> batch = IntStream.range(0, count).mapToObj(i -> NewJob.of("bulk").withPriority(i % 7)).toList();
        List<Job> created = jobs().createAll(batch);
        assertThat(created).hasSize(count);
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubleClaims = Collections.synchronizedList(new ArrayList<>());
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());

        List<Integer> perThread = onAllThreads(() -> {
            String worker = Thread.currentThread().getName();
            int completed = 0;
            List<Job> claimed;
            while (!(claimed = claim.apply(worker)).isEmpty()) {
                for (Job job : claimed) {
                    if (claimedBy.putIfAbsent(job.id(), worker) != null) {
                        doubleClaims.add(job.id());
                    }
                    tokens.add(job.fencingToken());
                    jobs().complete(job.id(), job.fencingToken(), null);
                    completed++;
                }
            }
            return completed;
        });

        assertThat(doubleClaims).as("jobs claimed twice").isEmpty();
        assertThat(tokens).as("tokens").hasSize(count).doesNotHaveDuplicates();
        assertThat(perThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(created.stream().map(Job::id).toList());
        assertThat(jobs().countByStatus(JobQuery.all())).containsEntry(JobStatus.SUCCEEDED, (long) count)
                .containsEntry(JobStatus.QUEUED, 0L).containsEntry(JobStatus.RUNNING, 0L);
        assertThat(StoreSnapshot.readAll(page -> jobs().list(JobQuery.all(), page)))
                .allSatisfy(job -> assertThat(job.attempts()).isEqualTo(1));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("8 threads racing for one job: exactly one gets it")
    void oneJobOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            jobs().create(NewJob.of("race" + round));
            String type = "race" + round;
            List<Boolean> won = onAllThreads(() -> jobs().claimNext("w", Set.of(type), LEASE).isPresent());
            assertThat(won).as("round %d", round).containsOnlyOnce(true);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent creates with generated ids: all stored, ids unique")
    void concurrentCreates() throws Exception {
        List<List<String>> ids = onAllThreads(() -> IntStream.range(0, 100)
                .mapToObj(i -> jobs().create(NewJob.of("c")).id()).toList());
        List<String> all = ids.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(THREADS * 100).doesNotHaveDuplicates();
        assertThat(jobs().countByStatus(JobQuery.all()).get(JobStatus.QUEUED)).isEqualTo(THREADS * 100L);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent creates: each caller gets back its own job exactly as stored (creates that meet may"
            + " share a statement); a duplicate id fails its own caller only, with DuplicateKeyException")
    void concurrentCreatesReturnTheirOwnJobs() throws Exception {
        String taken = jobs().create(NewJob.of("first")).id();
        AtomicInteger threads = new AtomicInteger();
        Map<String, Job> returned = new ConcurrentHashMap<>();
        List<List<String>> outcomes = onAllThreads(() -> {
            int thread = threads.getAndIncrement();
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                if (i % 20 == 7) {
                    try {
                        jobs().create(NewJob.of("duplicate").withId(taken));
                        mine.add("duplicate stored");
                    } catch (DuplicateKeyException e) {
                        mine.add(e.getMessage().contains(taken) ? "refused" : "refused without the id");
                    }
                    continue;
                }
                String payload = "{\"thread\":" + thread + ",\"i\":" + i + "}";
                NewJob job = NewJob.of("t" + thread).withPayload(i % 4 == 0 ? null : payload).withPriority(i)
                        .withMessage("m" + thread + "-" + i).withMaxAttempts(i % 5 + 1)
                        .withStage(i % 2 == 0 ? "stage-" + i : null)
                        .withNotBefore(i % 3 == 0 ? T0.plusSeconds(i).plusNanos(thread * 1_000L) : null);
                Job created = jobs().create(job);
                boolean own = created.type().equals("t" + thread) && created.priority() == i
                        && created.message().equals("m" + thread + "-" + i);
                mine.add(own ? created.id() : "someone else's job: " + created);
                returned.put(created.id(), created);
            }
            return mine;
        });
        List<String> all = outcomes.stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(outcome -> outcome.startsWith("refused")).hasSize(THREADS * 3)
                .allMatch("refused"::equals);
        List<String> ids = all.stream().filter(outcome -> !outcome.startsWith("refused")).toList();
        assertThat(ids).hasSize(THREADS * 57).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(jobs().find(id)).contains(returned.get(id)));
        assertThat(jobs().get(taken).type()).isEqualTo("first");
        assertThat(jobs().countByStatus(JobQuery.all()).get(JobStatus.QUEUED)).isEqualTo(THREADS * 57L + 1);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent completions: each worker gets back its own job as completed; a wrong fencing token"
            + " or an unknown job fails its own caller only, with LeaseLostException or NotFoundException")
    void concurrentCompletionsReturnTheirOwnJobs() throws Exception {
        AtomicInteger threads = new AtomicInteger();
        List<List<String>> outcomes = onAllThreads(() -> {
            int thread = threads.getAndIncrement();
            String type = "complete-" + thread;
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                jobs().create(NewJob.of(type));
                Job held = jobs().claimNext("w" + thread, Set.of(type), LEASE).orElseThrow();
                if (i % 20 == 7) {
                    mine.add(completionRefused(held.id(), held.fencingToken() + 1));
                } else if (i % 20 == 13) {
                    mine.add(completionRefused("no-such-job-" + thread, 1));
                }
                String result = "{\"caller\":\"" + thread + "-" + i + "\"}"; // one key: jsonb reorders keys
                Job completed = jobs().complete(held.id(), held.fencingToken(), result);
                boolean own = completed.id().equals(held.id()) && completed.status() == JobStatus.SUCCEEDED
                        && completed.result().replace(" ", "").equals(result)
                        && completed.version() == held.version() + 1 && completed.leaseExpiresAt() == null;
                mine.add(own ? completed.id() : "someone else's job: " + completed);
            }
            return mine;
        });
        List<String> all = outcomes.stream().flatMap(List::stream).toList();
        assertThat(all).noneMatch(outcome -> outcome.startsWith("someone else's"));
        assertThat(all).filteredOn(outcome -> outcome.startsWith("refused")).hasSize(THREADS * 4)
                .allMatch(outcome -> outcome.equals("refused: lease lost") || outcome.equals("refused: not found"))
                .contains("refused: lease lost", "refused: not found");
        List<String> ids = all.stream().filter(outcome -> !outcome.startsWith("refused")).toList();
        assertThat(ids).hasSize(THREADS * 40).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(jobs().get(id).status()).isEqualTo(JobStatus.SUCCEEDED));
    }

    /** How completing {@code id} under {@code token} was refused, leaving the store as it was. */
    private String completionRefused(String id, long token) {
        try {
            return "completed: " + jobs().complete(id, token, "{}");
        } catch (LeaseLostException e) {
            return e.id().equals(id) ? "refused: lease lost" : "refused for another job: " + e.id();
        } catch (NotFoundException e) {
            return e.id().equals(id) ? "refused: not found" : "refused for another job: " + e.id();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent history appends get distinct sequence numbers, increasing on each thread")
    void concurrentHistoryAppends() throws Exception {
        List<List<Long>> ids = onAllThreads(() -> IntStream.range(0, 100)
                .mapToObj(i -> history().append(NewHistoryEvent.of("e")).id()).toList());
        assertThat(ids).as("each thread sees increasing numbers").allSatisfy(own -> assertThat(own).isSorted());
        List<Long> all = ids.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(THREADS * 100).doesNotHaveDuplicates();
        assertThat(StoreSnapshot.readAll(page -> history().list(HistoryQuery.all(), page)))
                .extracting(HistoryEvent::id).containsExactlyInAnyOrderElementsOf(all);
    }
}
