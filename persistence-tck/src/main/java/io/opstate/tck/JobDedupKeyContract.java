package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opstate.DuplicateDedupKeyException;
import io.opstate.DuplicateKeyException;
import io.opstate.IllegalTransitionException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.jobs.OnDuplicateKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dedup keys: at most one unfinished ({@code QUEUED} or {@code RUNNING}) job holds a key; a second
 * create returns that job or is refused, as it says; a finished job frees its key; a retry whose
 * key was taken meanwhile is refused; and the key is enforced across concurrent creates.
 */
public abstract class JobDedupKeyContract extends TckSupport {
    private static final String KEY = "pull:llama3:8b";

    private static NewJob pull(String id) {
        return NewJob.of("pull").withId(id).withDedupKey(KEY);
    }

    private static NewJob pull(String id, OnDuplicateKey onDuplicate) {
        return NewJob.of("pull").withId(id).withDedupKey(KEY, onDuplicate);
    }

    private long jobCount() {
        return jobs().countByStatus(JobQuery.all()).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    @DisplayName("create: the job carries its key, and is found as the key's unfinished holder")
    void aJobCarriesItsKey() {
        Job job = jobs().create(pull("first"));

        assertThat(job.dedupKey()).isEqualTo(KEY);
        assertThat(jobs().get("first")).isEqualTo(job);
        assertThat(jobs().findUnfinishedByDedupKey(KEY)).contains(job);
        assertThat(jobs().findUnfinishedByDedupKey("pull:other")).isEmpty();
        assertThat(jobs().create(NewJob.of("pull")).dedupKey()).as("no key unless given").isNull();
    }

    @Test
    @DisplayName("create: FAIL refuses a second job with the key, naming the key and the job holding it")
    void aSecondCreateIsRefused() {
        Job first = jobs().create(pull("first"));

        DuplicateDedupKeyException refused = assertFailsUnchanged(DuplicateDedupKeyException.class,
                () -> jobs().create(pull("second", OnDuplicateKey.FAIL)));

        assertThat(refused).isInstanceOf(DuplicateKeyException.class);
        assertThat(refused.dedupKey()).isEqualTo(KEY);
        assertThat(refused.existingJobId()).isEqualTo(first.id()).isEqualTo(refused.id());
        assertThat(refused.entity()).isEqualTo("job");
        assertThat(refused.getMessage()).contains(KEY).contains("first");
        assertThat(jobs().find("second")).isEmpty();
    }

    @Test
    @DisplayName("create: FAIL is the default of withDedupKey(key)")
    void failIsTheDefault() {
        assertThat(NewJob.of("pull").withDedupKey(KEY).onDuplicate()).isEqualTo(OnDuplicateKey.FAIL);
        assertThat(NewJob.of("pull").onDuplicate()).isEqualTo(OnDuplicateKey.FAIL);
        jobs().create(pull("first"));

        assertFailsUnchanged(DuplicateDedupKeyException.class, () -> jobs().create(NewJob.of("other").withDedupKey(KEY)));
    }

    @Test
    @DisplayName("create: RETURN_EXISTING returns the unfinished job holding the key, as it is, and creates nothing")
    void aSecondCreateReturnsTheExistingJob() {
        jobs().create(pull("first"));
        Job running = jobs().claimNext("w1", Set.of("pull"), LEASE).orElseThrow();
        advance(Duration.ofSeconds(1));

        Job returned = jobs().create(pull("second", OnDuplicateKey.RETURN_EXISTING).withPayload("{\"other\":true}"));

        assertThat(returned).isEqualTo(running);
        assertThat(jobs().find("second")).isEmpty();
        assertThat(jobCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("create: the key is looked at before the id, so resubmitting the same job returns it")
    void theKeyComesBeforeTheId() {
        Job first = jobs().create(pull("first"));

        assertThat(jobs().create(pull("first", OnDuplicateKey.RETURN_EXISTING))).isEqualTo(first);
        assertFailsUnchanged(DuplicateDedupKeyException.class, () -> jobs().create(pull("first", OnDuplicateKey.FAIL)));
        assertFailsUnchanged(DuplicateKeyException.class,
                () -> jobs().create(NewJob.of("pull").withId("first").withDedupKey("another key")));
    }

    @Test
    @DisplayName("keys are independent of each other, and jobs without a key never collide")
    void keysAreIndependent() {
        jobs().create(pull("first"));
        Job other = jobs().create(NewJob.of("pull").withDedupKey("pull:mistral"));
        jobs().create(NewJob.of("pull"));
        jobs().create(NewJob.of("pull"));

        assertThat(jobs().findUnfinishedByDedupKey("pull:mistral")).contains(other);
        assertThat(jobs().findUnfinishedByDedupKey("PULL:MISTRAL")).as("keys compare exactly").isEmpty();
        assertThat(jobCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("a running job still holds its key, and so does one a failure sent back to the queue")
    void runningAndRequeuedJobsHoldTheirKey() {
        jobs().create(pull("first").withMaxAttempts(2));
        Job running = jobs().claimNext("w1", Set.of("pull"), LEASE).orElseThrow();
        assertFailsUnchanged(DuplicateDedupKeyException.class, () -> jobs().create(pull("second")));

        Job requeued = jobs().fail(running.id(), running.fencingToken(), JobFailure.of("timeout").retryAt(now()));

        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(jobs().findUnfinishedByDedupKey(KEY)).contains(requeued);
        assertFailsUnchanged(DuplicateDedupKeyException.class, () -> jobs().create(pull("second")));
    }

    @Test
    @DisplayName("a job that succeeded, failed or was cancelled frees its key and keeps it for reference")
    void finishingFreesTheKey() {
        List<Consumer<Job>> endings = List.of(
                job -> jobs().complete(job.id(), job.fencingToken(), "{}"),
                job -> jobs().fail(job.id(), job.fencingToken(), JobFailure.of("no space left")),
                job -> jobs().cancel(job.id()));
        for (int i = 0; i < endings.size(); i++) {
            jobs().create(pull("job-" + i));
            Job claimed = jobs().claimNext("w1", Set.of("pull"), LEASE).orElseThrow();
            endings.get(i).accept(claimed);

            Job finished = jobs().get("job-" + i);
            assertThat(finished.status().isTerminal()).isTrue();
            assertThat(finished.dedupKey()).isEqualTo(KEY);
            assertThat(jobs().findUnfinishedByDedupKey(KEY)).isEmpty();
        }
        Job next = jobs().create(pull("next"));

        assertThat(next.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(jobs().findUnfinishedByDedupKey(KEY)).contains(next);
    }

    @Test
    @DisplayName("a job that was deleted frees its key")
    void deletingFreesTheKey() {
        jobs().create(pull("first"));
        jobs().delete("first");

        assertThat(jobs().create(pull("second")).id()).isEqualTo("second");
    }

    @Test
    @DisplayName("a job created in a transaction that rolled back leaves its key free")
    void aRolledBackCreateLeavesTheKeyFree() {
        RuntimeException abort = new IllegalStateException("host gives up");
        Throwable thrown = catchThrowableOfType(IllegalStateException.class, () -> store.inTransaction(tx -> {
            tx.jobs().create(pull("first"));
            assertThat(tx.jobs().findUnfinishedByDedupKey(KEY)).as("seen inside the transaction").isPresent();
            throw abort;
        }));

        assertThat(thrown).isSameAs(abort);
        assertThat(jobs().findUnfinishedByDedupKey(KEY)).isEmpty();
        assertThat(jobs().create(pull("second")).id()).isEqualTo("second");
    }

    @Test
    @DisplayName("retry: refused while a newer unfinished job holds the key; the failed job stays failed")
    void retryIsRefusedWhenTheKeyWasTaken() {
        Job failed = failedPull("old");
        Job newer = jobs().create(pull("newer"));

        DuplicateDedupKeyException refused = assertFailsUnchanged(DuplicateDedupKeyException.class,
                () -> jobs().retry(failed.id(), null));

        assertThat(refused.existingJobId()).isEqualTo(newer.id());
        assertThat(refused.dedupKey()).isEqualTo(KEY);
        assertThat(jobs().get("old").status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    @DisplayName("retry: once the newer job finished, the failed job is retried and holds its key again")
    void retryTakesTheKeyBackOnceFree() {
        Job failed = failedPull("old");
        jobs().create(pull("newer"));
        jobs().cancel("newer");

        Job retried = jobs().retry(failed.id(), null);

        assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(jobs().findUnfinishedByDedupKey(KEY)).contains(retried);
        assertFailsUnchanged(DuplicateDedupKeyException.class, () -> jobs().create(pull("another")));
    }

    @Test
    @DisplayName("retry: a job without a key, or whose key is free, is retried as before")
    void retryWithoutConflict() {
        jobs().create(NewJob.of("plain").withId("plain").withMaxAttempts(2));
        Job claimed = jobs().claimNext("w1", Set.of("plain"), LEASE).orElseThrow();
        jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("boom"));
        Job failed = failedPull("keyed");

        assertThat(jobs().retry("plain", null).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(jobs().retry(failed.id(), null).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    @DisplayName("createAll: a later job repeating an earlier one's key fails the whole list (FAIL)")
    void createAllRefusesARepeatedKey() {
        DuplicateDedupKeyException refused = assertFailsUnchanged(DuplicateDedupKeyException.class,
                () -> jobs().createAll(List.of(NewJob.of("other").withId("a"), pull("b"), pull("c"))));

        assertThat(refused.existingJobId()).as("the earlier job of the list").isEqualTo("b");
        assertThat(jobCount()).isZero();
    }

    @Test
    @DisplayName("createAll: a later job repeating a key gets the earlier job in its place (RETURN_EXISTING)")
    void createAllReturnsTheEarlierJob() {
        Job stored = jobs().create(NewJob.of("pull").withId("stored").withDedupKey("pull:mistral"));

        List<Job> created = jobs().createAll(List.of(pull("b"), pull("c", OnDuplicateKey.RETURN_EXISTING),
                NewJob.of("pull").withId("d").withDedupKey("pull:mistral", OnDuplicateKey.RETURN_EXISTING)));

        assertThat(created).extracting(Job::id).containsExactly("b", "b", "stored");
        assertThat(created.get(2)).isEqualTo(stored);
        assertThat(jobs().find("c")).isEmpty();
        assertThat(jobs().find("d")).isEmpty();
        assertThat(jobCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("createAll: a key held in the store fails the whole list (FAIL)")
    void createAllRefusesAKeyHeldInTheStore() {
        jobs().create(pull("stored"));

        assertFailsUnchanged(DuplicateDedupKeyException.class,
                () -> jobs().createAll(List.of(NewJob.of("other").withId("a"), pull("b"))));
    }

    @Test
    @DisplayName("concurrent creates with one key: exactly one job is created; RETURN_EXISTING hands it to every caller")
    void concurrentCreatesReturnOneJob() throws Exception {
        List<String> ids = onAllThreads(() -> jobs().create(NewJob.of("pull")
                .withDedupKey(KEY, OnDuplicateKey.RETURN_EXISTING)).id());

        assertThat(ids).hasSize(THREADS);
        assertThat(Set.copyOf(ids)).hasSize(1);
        assertThat(jobCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("concurrent creates with one key: one succeeds, every other caller is refused (FAIL)")
    void concurrentCreatesRefuseAllButOne() throws Exception {
        List<String> outcomes = onAllThreads(() -> {
            try {
                return "created " + jobs().create(NewJob.of("pull").withDedupKey(KEY)).id();
            } catch (DuplicateDedupKeyException e) {
                return "refused";
            }
        });

        assertThat(outcomes).filteredOn(o -> o.startsWith("created")).hasSize(1);
        assertThat(outcomes).filteredOn("refused"::equals).hasSize(THREADS - 1);
        assertThat(jobCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("concurrent retries and creates of one key: exactly one wins it, every other call is refused")
    void concurrentRetriesAndCreatesShareOneKey() throws Exception {
        failedPull("old");
        AtomicInteger threads = new AtomicInteger();

        List<String> outcomes = onAllThreads(() -> {
            boolean retries = threads.getAndIncrement() % 2 == 0;
            try {
                return retries ? "won " + jobs().retry("old", null).id() : "won " + jobs().create(NewJob.of("pull")
                        .withDedupKey(KEY)).id();
            } catch (DuplicateDedupKeyException e) {
                return "refused";
            } catch (IllegalTransitionException e) {
                return retries ? "already retried" : "unexpected " + e;
            }
        });

        assertThat(outcomes).filteredOn(o -> o.startsWith("won")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.equals("refused") || o.equals("already retried")).hasSize(THREADS - 1);
        String winner = outcomes.stream().filter(o -> o.startsWith("won")).findFirst().orElseThrow().substring(4);
        assertThat(jobs().findUnfinishedByDedupKey(KEY)).map(Job::id).contains(winner);
        assertThat(jobs().stream(JobQuery.all().withStatuses(JobStatus.QUEUED, JobStatus.RUNNING), null)
                .filter(job -> KEY.equals(job.dedupKey()))).hasSize(1);
    }

    @Test
    @DisplayName("validation: a key blank, too long or with control characters, a null choice, a null look-up")
    void badKeysAreRejected() {
        jobs().create(pull("first"));
        assertRejected("dedupKey", () -> jobs().create(NewJob.of("pull").withDedupKey("")));
        assertRejected("dedupKey", () -> jobs().create(NewJob.of("pull").withDedupKey("  ")));
        assertRejected("dedupKey", () -> jobs().create(NewJob.of("pull").withDedupKey("k".repeat(201))));
        assertRejected("dedupKey", () -> jobs().create(NewJob.of("pull").withDedupKey("a\nb")));
        assertRejected("dedupKey", () -> jobs().create(NewJob.of("pull").withDedupKey("a\u0000b")));
        assertRejected("dedupKey", () -> jobs().createAll(List.of(NewJob.of("pull").withDedupKey(""))));
        assertRejected("onDuplicate", () -> jobs().create(NewJob.of("pull").withDedupKey("k", null)));
        assertRejected("dedupKey", () -> jobs().findUnfinishedByDedupKey(null));
        assertRejected("dedupKey", () -> jobs().findUnfinishedByDedupKey("k".repeat(201)));
        assertThat(jobs().create(NewJob.of("pull").withDedupKey("k".repeat(200))).dedupKey()).hasSize(200);
    }

    /** A job holding {@link #KEY} that failed with attempts left (the key is free again). */
    private Job failedPull(String id) {
        jobs().create(pull(id).withMaxAttempts(3));
        Job claimed = jobs().claimNext("w1", Set.of("pull"), LEASE).orElseThrow();
        Job failed = jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("registry unreachable"));
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        return failed;
    }
}
