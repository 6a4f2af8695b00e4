package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.IllegalTransitionException;
import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Jobs from enqueue to the end: create, complete, fail, retry, cancel, delete, and their errors. */
public abstract class JobLifecycleContract extends TckSupport {

    @Test
    @DisplayName("create: a queued job with documented defaults, stamped now, version 1, token 0")
    void createSetsDefaults() {
        Job job = jobs().create(NewJob.of("mail"));

        assertThat(UUID.fromString(job.id()).version()).as("generated id is a UUIDv7").isEqualTo(7);
        assertThat(job.type()).isEqualTo("mail");
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.attempts()).isZero();
        assertThat(job.maxAttempts()).isEqualTo(NewJob.DEFAULT_MAX_ATTEMPTS);
        assertThat(job.priority()).isZero();
        assertThat(job.progress()).isNull();
        assertThat(job.bytesDone()).isZero();
        assertThat(job.bytesTotal()).isNull();
        assertThat(job.stage()).isNull();
        assertThat(job.message()).isNull();
        assertThat(job.payload()).isNull();
        assertThat(job.result()).isNull();
        assertThat(job.error()).isNull();
        assertThat(job.errorDetail()).isNull();
        assertThat(job.createdAt()).isEqualTo(T0);
        assertThat(job.updatedAt()).isEqualTo(T0);
        assertThat(job.notBefore()).isEqualTo(T0);
        assertThat(job.startedAt()).isNull();
        assertThat(job.finishedAt()).isNull();
        assertThat(job.workerId()).isNull();
        assertThat(job.leaseExpiresAt()).isNull();
        assertThat(job.fencingToken()).isZero();
        assertThat(job.version()).isEqualTo(1);
        assertThat(jobs().get(job.id())).isEqualTo(job);
    }

    @Test
    @DisplayName("create: every given field is stored and read back as given")
    void createKeepsGivenFields() {
        Instant notBefore = Instant.parse("2026-03-02T00:00:00.000001Z");
        Job job = jobs().create(NewJob.of("render").withId("job-1").withPayload("{ \"b\": [1, 2], \"a\": {\"x\": null} }")
                .withPriority(-1000).withMaxAttempts(1000).withNotBefore(notBefore)
                .withStage("download").withMessage("waiting for a slot"));

        assertThat(job.id()).isEqualTo("job-1");
        assertJsonEquals("{\"a\":{\"x\":null},\"b\":[1,2]}", job.payload());
        assertThat(job.priority()).isEqualTo(-1000);
        assertThat(job.maxAttempts()).isEqualTo(1000);
        assertThat(job.notBefore()).isEqualTo(notBefore);
        assertThat(job.stage()).isEqualTo("download");
        assertThat(job.message()).isEqualTo("waiting for a slot");
        Job read = jobs().find("job-1").orElseThrow();
        assertJsonEquals(job.payload(), read.payload());
        assertThat(read).usingRecursiveComparison().ignoringFields("payload").isEqualTo(job);
    }

    @Test
    @DisplayName("create: generated ids are distinct and increase in creation order")
    void generatedIdsAreTimeOrdered() {
        List<String> ids = List.of(jobs().create(NewJob.of("t")).id(), jobs().create(NewJob.of("t")).id(),
                jobs().create(NewJob.of("t")).id());
        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

    @Test
    @DisplayName("create: a taken id is a DuplicateKeyException and the first job is untouched")
    void createDuplicateId() {
        Job first = jobs().create(NewJob.of("a").withId("same"));
        DuplicateKeyException e = assertFailsUnchanged(DuplicateKeyException.class,
                () -> jobs().create(NewJob.of("b").withId("same")));
        assertThat(e.entity()).isEqualTo("job");
        assertThat(e.id()).isEqualTo("same");
        assertThat(jobs().get("same")).isEqualTo(first);
    }

    @Test
    @DisplayName("createAll: returns the jobs in the given order, all queued")
    void createAllKeepsOrder() {
        List<Job> created = jobs().createAll(List.of(NewJob.of("x").withId("c"), NewJob.of("y").withId("a"),
                NewJob.of("z")));
        assertThat(created).extracting(Job::type).containsExactly("x", "y", "z");
        assertThat(created.get(0).id()).isEqualTo("c");
        assertThat(created).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(jobs().get(job.id())).isEqualTo(job);
        });
    }

    @Test
    @DisplayName("createAll: one duplicate id writes none of the jobs")
    void createAllIsAllOrNothing() {
        jobs().create(NewJob.of("a").withId("taken"));
        assertFailsUnchanged(DuplicateKeyException.class, () -> jobs().createAll(
                List.of(NewJob.of("b").withId("fresh-1"), NewJob.of("b").withId("taken"), NewJob.of("b"))));
        assertThat(jobs().find("fresh-1")).isEmpty();
    }

    @Test
    @DisplayName("createAll: the same id twice in one batch writes none of the jobs")
    void createAllDuplicateWithinBatch() {
        assertFailsUnchanged(DuplicateKeyException.class, () -> jobs().createAll(
                List.of(NewJob.of("b").withId("twice"), NewJob.of("b").withId("twice"))));
        assertThat(jobs().find("twice")).isEmpty();
    }

    @Test
    @DisplayName("find is empty and get throws NotFoundException(job, id) for an unknown id")
    void findAndGetUnknown() {
        assertThat(jobs().find("nope")).isEmpty();
        assertThatThrownBy(() -> jobs().get("nope")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("job");
            assertThat(e.id()).isEqualTo("nope");
        });
    }

    @Test
    @DisplayName("complete: succeeded with result, progress 1, finished now, lease cleared, worker kept")
    void complete() {
        Job claimed = createAndClaim("t", "w1");
        Instant later = advance(Duration.ofSeconds(5));
        Job done = jobs().complete(claimed.id(), claimed.fencingToken(), "{\"rows\": 42, \"ok\": true}");

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertJsonEquals("{\"ok\":true,\"rows\":42}", done.result());
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.finishedAt()).isEqualTo(later);
        assertThat(done.updatedAt()).isEqualTo(later);
        assertThat(done.leaseExpiresAt()).isNull();
        assertThat(done.workerId()).isEqualTo("w1");
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.fencingToken()).isEqualTo(claimed.fencingToken());
        assertThat(done.version()).isEqualTo(claimed.version() + 1);
        assertThat(done.startedAt()).isEqualTo(claimed.startedAt());
        assertThat(jobs().get(claimed.id())).usingRecursiveComparison().ignoringFields("result").isEqualTo(done);
    }

    @Test
    @DisplayName("complete: a null result is stored as null")
    void completeWithoutResult() {
        Job claimed = createAndClaim("t", "w1");
        Job done = jobs().complete(claimed.id(), claimed.fencingToken(), null);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.result()).isNull();
        assertThat(jobs().get(claimed.id()).result()).isNull();
    }

    @Test
    @DisplayName("fail without retryAt: failed now, error and detail kept, lease cleared")
    void failFinally() {
        Job claimed = createAndClaim("t", "w1");
        Instant later = advance(Duration.ofSeconds(2));
        Job failed = jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("boom").withDetail("at line 1"));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("boom");
        assertThat(failed.errorDetail()).isEqualTo("at line 1");
        assertThat(failed.finishedAt()).isEqualTo(later);
        assertThat(failed.updatedAt()).isEqualTo(later);
        assertThat(failed.leaseExpiresAt()).isNull();
        assertThat(failed.version()).isEqualTo(claimed.version() + 1);
        assertThat(jobs().get(claimed.id())).isEqualTo(failed);
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).isEmpty();
    }

    @Test
    @DisplayName("fail with retryAt and attempts left: queued again, claimable from retryAt only")
    void failWithRetry() {
        Job claimed = createAndClaim("t", "w1");
        Instant retryAt = T0.plusSeconds(60);
        Job requeued = jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("busy").retryAt(retryAt));

        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.notBefore()).isEqualTo(retryAt);
        assertThat(requeued.leaseExpiresAt()).isNull();
        assertThat(requeued.finishedAt()).isNull();
        assertThat(requeued.error()).isEqualTo("busy");
        assertThat(requeued.attempts()).isEqualTo(1);
        assertThat(requeued.version()).isEqualTo(claimed.version() + 1);

        clock.set(retryAt.minusNanos(1000));
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).isEmpty();
        clock.set(retryAt);
        Job again = jobs().claimNext("w2", Set.of(), LEASE).orElseThrow();
        assertThat(again.id()).isEqualTo(claimed.id());
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.fencingToken()).isGreaterThan(claimed.fencingToken());
    }

    @Test
    @DisplayName("fail with retryAt but no attempts left: failed for good")
    void failWithRetryButNoAttemptsLeft() {
        jobs().create(NewJob.of("t").withId("once").withMaxAttempts(1));
        Job claimed = jobs().claimNext("w1", Set.of(), LEASE).orElseThrow();
        Job failed = jobs().fail("once", claimed.fencingToken(), JobFailure.of("boom").retryAt(T0.plusSeconds(5)));
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.finishedAt()).isEqualTo(T0);
        assertThat(failed.leaseExpiresAt()).isNull();
    }

    @Test
    @DisplayName("retry: a failed job with attempts left is queued from now, error kept for reference")
    void retryFailedJob() {
        Job claimed = createAndClaim("t", "w1");
        Job failed = jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("boom").withDetail("trace"));
        Instant later = advance(Duration.ofMinutes(3));

        Job retried = jobs().retry(claimed.id(), null);
        assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(retried.notBefore()).isEqualTo(later);
        assertThat(retried.finishedAt()).isNull();
        assertThat(retried.error()).isEqualTo("boom");
        assertThat(retried.errorDetail()).isEqualTo("trace");
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.version()).isEqualTo(failed.version() + 1);
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).map(Job::id).contains(claimed.id());
    }

    @Test
    @DisplayName("retry with notBefore: claimable only from that time")
    void retryWithNotBefore() {
        Job claimed = createAndClaim("t", "w1");
        jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("boom"));
        Instant notBefore = T0.plus(Duration.ofHours(1)).plusNanos(999);

        Job retried = jobs().retry(claimed.id(), notBefore);
        assertThat(retried.notBefore()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).isEmpty();
        clock.set(notBefore);
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).isPresent();
    }

    @Test
    @DisplayName("retry: no attempts left, or not failed, is an IllegalTransitionException")
    void retryRefused() {
        jobs().create(NewJob.of("t").withId("once").withMaxAttempts(1));
        Job claimed = jobs().claimNext("w1", Set.of(), LEASE).orElseThrow();
        jobs().fail("once", claimed.fencingToken(), JobFailure.of("boom"));
        IllegalTransitionException exhausted = assertFailsUnchanged(IllegalTransitionException.class,
                () -> jobs().retry("once", null));
        assertThat(exhausted.entity()).isEqualTo("job");
        assertThat(exhausted.id()).isEqualTo("once");
        assertThat(exhausted.from()).isEqualTo("failed");
        assertThat(exhausted.to()).isEqualTo("queued");

        jobs().create(NewJob.of("t").withId("waiting"));
        IllegalTransitionException queued = assertFailsUnchanged(IllegalTransitionException.class,
                () -> jobs().retry("waiting", null));
        assertThat(queued.from()).isEqualTo("queued");

        Job other = createAndClaim("u", "w1");
        jobs().complete(other.id(), other.fencingToken(), null);
        IllegalTransitionException succeeded = assertFailsUnchanged(IllegalTransitionException.class,
                () -> jobs().retry(other.id(), null));
        assertThat(succeeded.from()).isEqualTo("succeeded");
        assertThatThrownBy(() -> jobs().retry("missing", null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("cancel a queued job: cancelled now and never claimed")
    void cancelQueued() {
        Job job = jobs().create(NewJob.of("t"));
        Instant later = advance(Duration.ofSeconds(1));
        Job cancelled = jobs().cancel(job.id());
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(later);
        assertThat(cancelled.version()).isEqualTo(2);
        assertThat(jobs().get(job.id())).isEqualTo(cancelled);
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).isEmpty();
    }

    @Test
    @DisplayName("cancel a running job: lease cleared, the worker's next call gets LeaseLostException")
    void cancelRunning() {
        Job claimed = createAndClaim("t", "w1");
        Job cancelled = jobs().cancel(claimed.id());
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.leaseExpiresAt()).isNull();
        assertThat(cancelled.finishedAt()).isEqualTo(T0);

        long token = claimed.fencingToken();
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().reportProgress(claimed.id(), token,
                JobProgress.fraction(0.5)));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().complete(claimed.id(), token, null));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().fail(claimed.id(), token, JobFailure.of("x")));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().renewLease(claimed.id(), token, LEASE));
    }

    @Test
    @DisplayName("cancel a finished job is an IllegalTransitionException from its status to cancelled")
    void cancelFinished() {
        Job a = createAndClaim("a", "w");
        jobs().complete(a.id(), a.fencingToken(), null);
        Job b = createAndClaim("b", "w");
        jobs().fail(b.id(), b.fencingToken(), JobFailure.of("x"));
        Job c = jobs().cancel(jobs().create(NewJob.of("c")).id());

        for (Job job : List.of(a, b, c)) {
            String from = jobs().get(job.id()).status().label();
            IllegalTransitionException e = assertFailsUnchanged(IllegalTransitionException.class,
                    () -> jobs().cancel(job.id()));
            assertThat(e.entity()).isEqualTo("job");
            assertThat(e.id()).isEqualTo(job.id());
            assertThat(e.from()).isEqualTo(from);
            assertThat(e.to()).isEqualTo("cancelled");
        }
        assertThatThrownBy(() -> jobs().cancel("missing")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.entity()).isEqualTo("job"));
    }

    @Test
    @DisplayName("delete removes a job in any state; the worker holding it then gets NotFoundException")
    void delete() {
        Job queued = jobs().create(NewJob.of("q"));
        Job running = createAndClaim("r", "w1");

        assertThat(jobs().delete(queued.id())).isTrue();
        assertThat(jobs().find(queued.id())).isEmpty();
        assertThat(jobs().delete(queued.id())).isFalse();
        assertThat(jobs().delete("never-existed")).isFalse();

        assertThat(jobs().delete(running.id())).isTrue();
        assertThatThrownBy(() -> jobs().complete(running.id(), running.fencingToken(), null))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("job");
                    assertThat(e.id()).isEqualTo(running.id());
                });
        assertThat(StoreSnapshot.of(store).jobs()).isEmpty();
    }
}
