package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.InvalidInputException;
import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.jobs.ClaimedJob;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A claimed job as a handle ({@link ClaimedJob}): it reports, renews and finishes under its
 * claim's fencing token, which stays enforced: a handle whose claim no longer holds the job is
 * refused and changes nothing.
 */
public abstract class ClaimedJobContract extends TckSupport {

    @Test
    @DisplayName("claimNextHandle: a handle of the claimed job; empty when nothing is claimable")
    void claimNextHandle() {
        assertThat(jobs().claimNextHandle("w", Set.of(), LEASE)).isEmpty();
        jobs().create(NewJob.of("t").withId("j1"));

        ClaimedJob handle = jobs().claimNextHandle("w", Set.of("t"), LEASE).orElseThrow();
        Job stored = jobs().get("j1");
        assertThat(handle.id()).isEqualTo("j1");
        assertThat(handle.job()).isEqualTo(stored);
        assertThat(handle.fencingToken()).isEqualTo(stored.fencingToken()).isPositive();
        assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(stored.workerId()).isEqualTo("w");
        assertThat(jobs().claimNextHandle("w", Set.of(), LEASE)).as("the job is held").isEmpty();
    }

    @Test
    @DisplayName("a handle reports, renews and completes without a token by hand; job() follows its calls")
    void handleWorksTheJob() {
        jobs().create(NewJob.of("t").withId("j1"));
        ClaimedJob handle = jobs().claimNextHandle("w", Set.of(), LEASE).orElseThrow();

        Job reported = handle.progress(JobProgress.bytes(256, 1024).withStage("download"));
        assertThat(reported.progress()).isEqualTo(0.25);
        assertThat(reported.stage()).isEqualTo("download");
        assertThat(handle.job()).isEqualTo(reported).isEqualTo(jobs().get("j1"));

        Instant later = advance(Duration.ofSeconds(20));
        Job renewed = handle.renew(Duration.ofMinutes(2));
        assertThat(renewed.leaseExpiresAt()).isEqualTo(later.plus(Duration.ofMinutes(2)));
        assertThat(handle.job()).isEqualTo(renewed);

        Job done = handle.complete("{\"ok\":true}");
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.bytesDone()).isEqualTo(1024);
        assertThat(handle.job()).isEqualTo(done).isEqualTo(jobs().get("j1"));
        assertThat(handle.fencingToken()).isEqualTo(done.fencingToken());
    }

    @Test
    @DisplayName("a handle's fail queues the job again while attempts remain, else ends it failed")
    void handleFails() {
        jobs().create(NewJob.of("t").withId("j1").withMaxAttempts(2));
        ClaimedJob first = jobs().claimNextHandle("w", Set.of(), LEASE).orElseThrow();
        Job requeued = first.fail(JobFailure.of("busy").retryAt(T0.plusSeconds(5)));
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.notBefore()).isEqualTo(T0.plusSeconds(5));

        advance(Duration.ofSeconds(5));
        ClaimedJob second = jobs().claimNextHandle("w", Set.of(), LEASE).orElseThrow();
        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        Job failed = second.fail(JobFailure.of("gave up").retryAt(T0.plusSeconds(60)));
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("gave up");
    }

    @Test
    @DisplayName("claimHandle(id): a handle of that job; empty when not claimable; NotFoundException when missing")
    void claimHandleById() {
        jobs().create(NewJob.of("t").withId("j1"));
        ClaimedJob handle = jobs().claimHandle("j1", "handler", LEASE).orElseThrow();
        assertThat(handle.id()).isEqualTo("j1");
        assertThat(handle.job()).isEqualTo(jobs().get("j1"));
        assertThat(jobs().claimHandle("j1", "other", LEASE)).isEmpty();
        assertFailsUnchanged(NotFoundException.class, () -> jobs().claimHandle("ghost", "handler", LEASE));
        assertThat(handle.complete(null).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("the token stays enforced: once the job is claimed again, the old handle is refused and changes nothing")
    void staleHandleIsRefused() {
        jobs().create(NewJob.of("t").withId("j1"));
        ClaimedJob stalled = jobs().claimNextHandle("w1", Set.of(), LEASE).orElseThrow();
        advance(LEASE.plusSeconds(1));
        ClaimedJob current = jobs().claimNextHandle("w2", Set.of(), LEASE).orElseThrow();
        assertThat(current.id()).isEqualTo("j1");

        assertFailsUnchanged(LeaseLostException.class, () -> stalled.progress(JobProgress.fraction(0.9)));
        assertFailsUnchanged(LeaseLostException.class, () -> stalled.renew(LEASE));
        assertFailsUnchanged(LeaseLostException.class, () -> stalled.complete("{\"by\":\"w1\"}"));
        assertFailsUnchanged(LeaseLostException.class, () -> stalled.fail(JobFailure.of("late")));
        assertThat(stalled.job().workerId()).as("a refused call leaves the snapshot as it was").isEqualTo("w1");

        Job done = current.complete("{\"by\":\"w2\"}");
        assertThat(done.workerId()).isEqualTo("w2");
        assertFailsUnchanged(LeaseLostException.class, () -> current.complete(null));
    }

    @Test
    @DisplayName("a handle of a cancelled job is refused with LeaseLostException, of a deleted one with NotFoundException")
    void cancelledOrDeleted() {
        jobs().create(NewJob.of("t").withId("a"));
        jobs().create(NewJob.of("t").withId("b"));
        ClaimedJob a = jobs().claimHandle("a", "w", LEASE).orElseThrow();
        ClaimedJob b = jobs().claimHandle("b", "w", LEASE).orElseThrow();
        jobs().cancel("a");
        jobs().delete("b");

        assertFailsUnchanged(LeaseLostException.class, () -> a.complete(null));
        assertFailsUnchanged(NotFoundException.class, () -> b.complete(null));
    }

    @Test
    @DisplayName("ClaimedJob.of wraps jobs of claimBatch; each handle acts for its own claim only")
    void handlesOfABatch() {
        for (String id : List.of("a", "b", "c")) {
            jobs().create(NewJob.of("t").withId(id));
        }
        List<ClaimedJob> handles = jobs().claimBatch("w", Set.of(), LEASE, 3).stream()
                .map(job -> ClaimedJob.of(jobs(), job)).toList();
        assertThat(handles).extracting(ClaimedJob::id).containsExactly("a", "b", "c");
        for (ClaimedJob handle : handles) {
            handle.complete("{\"id\":\"" + handle.id() + "\"}");
        }
        assertThat(List.of("a", "b", "c")).allSatisfy(id -> assertThat(jobs().get(id).result()).contains(id));
    }

    @Test
    @DisplayName("ClaimedJob.of refuses a null repository, a null job, or a job that is not claimed")
    void ofRefusesWhatIsNotAClaim() {
        Job queued = jobs().create(NewJob.of("t").withId("q"));
        Job running = createAndClaim("r", "w");
        assertThat(assertRejected("jobs", () -> ClaimedJob.of(null, running)).field()).isEqualTo("jobs");
        assertRejected("job", () -> ClaimedJob.of(jobs(), null));
        assertRejected("job", () -> ClaimedJob.of(jobs(), queued));
        Job succeeded = jobs().complete(running.id(), running.fencingToken(), null);
        InvalidInputException finished = assertRejected("job", () -> ClaimedJob.of(jobs(), succeeded));
        assertThat(finished.problem()).contains("succeeded");
    }

    @Test
    @DisplayName("a handle made inside a transaction acts in it: its work commits or rolls back with it")
    void handleInATransaction() {
        jobs().create(NewJob.of("t").withId("j1"));
        Job done = store.inTransaction(tx -> tx.jobs().claimHandle("j1", "w", LEASE).orElseThrow().complete("{}"));
        assertThat(jobs().get("j1")).isEqualTo(done);
    }
}
