package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Claiming one job by its id ({@code claim}): the claimability rules of {@code claimNext}, the same
 * stamp and fencing token, empty when the job is not claimable now, not found when it is missing.
 */
public abstract class JobClaimByIdContract extends TckSupport {

    @Test
    @DisplayName("claim(id): running, attempts/version + 1, a new token, worker, started now, lease now + lease")
    void claimStampsTheJob() {
        Job created = jobs().create(NewJob.of("pull").withId("model-1"));
        Instant later = advance(Duration.ofSeconds(3));
        Job claimed = jobs().claim("model-1", "handler-1", Duration.ofSeconds(45)).orElseThrow();

        assertThat(claimed.id()).isEqualTo(created.id());
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.fencingToken()).isPositive();
        assertThat(claimed.version()).isEqualTo(2);
        assertThat(claimed.workerId()).isEqualTo("handler-1");
        assertThat(claimed.startedAt()).isEqualTo(later);
        assertThat(claimed.updatedAt()).isEqualTo(later);
        assertThat(claimed.leaseExpiresAt()).isEqualTo(later.plusSeconds(45));
        assertThat(claimed.finishedAt()).isNull();
        assertThat(jobs().get("model-1")).isEqualTo(claimed);
        assertThat(jobs().complete("model-1", claimed.fencingToken(), "{}").status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("claim(id) takes that job whatever its type and priority; claimNext then takes the others")
    void claimTakesThatJobOnly() {
        jobs().create(NewJob.of("other").withId("urgent").withPriority(1000));
        jobs().create(NewJob.of("pull").withId("low").withPriority(-1000));

        assertThat(jobs().claim("low", "handler", LEASE)).map(Job::id).contains("low");
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).map(Job::id).contains("urgent");
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).isEmpty();
    }

    @Test
    @DisplayName("claim(id) is empty, and changes nothing, for a job under a lease that holds, not yet due, or finished")
    void notClaimableIsEmpty() {
        Job running = createAndClaim("t", "w1");
        jobs().create(NewJob.of("t").withId("later").withNotBefore(T0.plusSeconds(60)));
        Job done = createAndClaim("done", "w1");
        jobs().complete(done.id(), done.fencingToken(), null);
        Job failed = createAndClaim("failed", "w1");
        jobs().fail(failed.id(), failed.fencingToken(), JobFailure.of("boom"));
        Job cancelled = jobs().create(NewJob.of("t").withId("cancelled"));
        jobs().cancel(cancelled.id());

        for (String id : List.of(running.id(), "later", done.id(), failed.id(), "cancelled")) {
            StoreSnapshot before = StoreSnapshot.of(store);
            assertThat(jobs().claim(id, "w2", LEASE)).as("claim(%s)", id).isEmpty();
            assertThat(StoreSnapshot.of(store)).as("store after claim(%s)", id).isEqualTo(before);
        }
        clock.set(T0.plusSeconds(60));
        assertThat(jobs().claim("later", "w2", LEASE)).as("due exactly at notBefore").map(Job::id).contains("later");
    }

    @Test
    @DisplayName("claim(id) takes back a job whose lease expired with attempts left; the old token is refused")
    void claimTakesAnExpiredLease() {
        Job stalled = createAndClaim("t", "crashed");
        assertThat(jobs().claim(stalled.id(), "w2", LEASE)).as("the lease still holds").isEmpty();
        advance(LEASE);

        Job taken = jobs().claim(stalled.id(), "w2", LEASE).orElseThrow();
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(taken.workerId()).isEqualTo("w2");
        assertThat(taken.fencingToken()).isGreaterThan(stalled.fencingToken());
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().complete(stalled.id(), stalled.fencingToken(), null));
    }

    @Test
    @DisplayName("claim(id) is empty for a job whose lease expired with no attempts left")
    void claimNeedsAttemptsLeft() {
        jobs().create(NewJob.of("t").withId("once").withMaxAttempts(1));
        jobs().claim("once", "w1", LEASE).orElseThrow();
        advance(LEASE.plusSeconds(1));

        StoreSnapshot before = StoreSnapshot.of(store);
        assertThat(jobs().claim("once", "w2", LEASE)).isEmpty();
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    @DisplayName("claim(id) of a missing job is NotFoundException(job, id); nothing changes")
    void claimMissing() {
        jobs().create(NewJob.of("t").withId("present"));
        NotFoundException e = assertFailsUnchanged(NotFoundException.class, () -> jobs().claim("ghost", "w", LEASE));
        assertThat(e.entity()).isEqualTo("job");
        assertThat(e.id()).isEqualTo("ghost");
    }

    @Test
    @DisplayName("claim(id) draws its token from the store's one counter: unique and larger than every earlier claim's")
    void claimTokensShareTheCounter() {
        for (String id : List.of("a", "b", "c", "d")) {
            jobs().create(NewJob.of("t").withId(id));
        }
        long first = jobs().claim("c", "w", LEASE).orElseThrow().fencingToken();
        long second = jobs().claimNext("w", Set.of(), LEASE).orElseThrow().fencingToken();
        long third = jobs().claim("d", "w", LEASE).orElseThrow().fencingToken();
        long fourth = jobs().claimBatch("w", Set.of(), LEASE, 5).get(0).fencingToken();

        assertThat(List.of(first, second, third, fourth)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("claim(id): bad id, workerId or lease is InvalidInputException naming it; nothing changes")
    void claimBadInput() {
        jobs().create(NewJob.of("t").withId("j"));
        assertRejected("id", () -> jobs().claim(null, "w", LEASE));
        assertRejected("id", () -> jobs().claim("", "w", LEASE));
        assertRejected("id", () -> jobs().claim("a\nb", "w", LEASE));
        assertRejected("workerId", () -> jobs().claim("j", " ", LEASE));
        assertRejected("lease", () -> jobs().claim("j", "w", Duration.ZERO));
        assertRejected("lease", () -> jobs().claim("j", "w", Duration.ofHours(25)));
        assertRejected("lease", () -> jobs().claim("j", "w", null));
    }

    @Test
    @DisplayName("claim(id) from many threads at once, racing claimNext: exactly one claim wins")
    void concurrentClaimsOfOneJob() throws Exception {
        AtomicInteger round = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            String id = "race-" + i;
            jobs().create(NewJob.of("t").withId(id));
            List<Optional<Job>> claims = onAllThreads(() -> round.incrementAndGet() % 2 == 0
                    ? jobs().claim(id, Thread.currentThread().getName(), LEASE)
                    : jobs().claimNext(Thread.currentThread().getName(), Set.of(), LEASE));
            assertThat(claims.stream().filter(Optional::isPresent).count()).as("claims of %s", id).isEqualTo(1);
            Job winner = claims.stream().flatMap(Optional::stream).findFirst().orElseThrow();
            assertThat(jobs().get(id)).isEqualTo(winner);
            assertThatThrownBy(() -> jobs().complete(id, winner.fencingToken() + 1, null))
                    .isInstanceOf(LeaseLostException.class);
            jobs().complete(id, winner.fencingToken(), null);
        }
    }
}
