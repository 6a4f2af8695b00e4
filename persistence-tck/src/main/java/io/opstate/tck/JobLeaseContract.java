package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.LeaseLostException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Leases and fencing: expiry, re-claims by other workers, crashed workers, the expiry sweep. */
public abstract class JobLeaseContract extends TckSupport {

    @Test
    @DisplayName("expired lease: another worker claims with a new token; the first worker is fenced off")
    void expiredLeaseIsReclaimedAndOldTokenRefused() {
        Job first = createAndClaim("t", "w1");
        Instant later = advance(Duration.ofSeconds(31));

        Job second = jobs().claimNext("w2", Set.of(), LEASE).orElseThrow();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.workerId()).isEqualTo("w2");
        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.startedAt()).isEqualTo(later);
        assertThat(second.leaseExpiresAt()).isEqualTo(later.plus(LEASE));

        long old = first.fencingToken();
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().complete(first.id(), old, "{}"));
        assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().reportProgress(first.id(), old, JobProgress.fraction(0.9)));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().fail(first.id(), old, JobFailure.of("x")));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().renewLease(first.id(), old, LEASE));

        Job done = jobs().complete(second.id(), second.fencingToken(), "{\"by\":\"w2\"}");
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.workerId()).isEqualTo("w2");
    }

    @Test
    @DisplayName("an expired lease is still honoured until another worker claims the job")
    void expiredLeaseHonouredUntilReclaimed() {
        Job claimed = createAndClaim("t", "w1");
        advance(Duration.ofMinutes(10));
        Job progressed = jobs().reportProgress(claimed.id(), claimed.fencingToken(), JobProgress.fraction(0.5));
        assertThat(progressed.progress()).isEqualTo(0.5);
        Job done = jobs().complete(claimed.id(), claimed.fencingToken(), null);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("a lease is reclaimable exactly at leaseExpiresAt, not a microsecond before")
    void leaseBoundary() {
        Job claimed = createAndClaim("t", "w1");
        clock.set(claimed.leaseExpiresAt().minusNanos(1_000));
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).isEmpty();
        clock.set(claimed.leaseExpiresAt());
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).map(Job::workerId).contains("w2");
    }

    @Test
    @DisplayName("a crashed worker's job with attempts left comes back through claimNext")
    void crashedWorkerJobComesBack() {
        jobs().create(NewJob.of("t").withId("crash").withMaxAttempts(2));
        Job first = jobs().claimNext("w1", Set.of(), LEASE).orElseThrow();
        advance(LEASE.plusSeconds(1));

        Job again = jobs().claimNext("w2", Set.of(), LEASE).orElseThrow();
        assertThat(again.id()).isEqualTo("crash");
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.fencingToken()).isGreaterThan(first.fencingToken());
        assertThat(again.version()).isEqualTo(first.version() + 1);
    }

    @Test
    @DisplayName("a crashed worker's job with no attempts left is not claimed; the sweep fails it with 'lease expired'")
    void crashedWorkerWithoutAttemptsIsFailedBySweep() {
        jobs().create(NewJob.of("t").withId("crash").withMaxAttempts(1));
        Job claimed = jobs().claimNext("w1", Set.of(), LEASE).orElseThrow();
        Instant later = advance(LEASE.plusSeconds(1));

        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).isEmpty();
        assertThat(jobs().requeueExpiredLeases()).isEqualTo(1);

        Job failed = jobs().get("crash");
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("lease expired");
        assertThat(failed.finishedAt()).isEqualTo(later);
        assertThat(failed.leaseExpiresAt()).isNull();
        assertThat(failed.version()).isEqualTo(claimed.version() + 1);
        assertThat(jobs().requeueExpiredLeases()).isZero();
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().complete("crash", claimed.fencingToken(), null));
    }

    @Test
    @DisplayName("the sweep's 'lease expired' failure keeps the error detail of an earlier failure")
    void sweepKeepsErrorDetail() {
        jobs().create(NewJob.of("t").withId("j").withMaxAttempts(2));
        Job first = jobs().claimNext("w1", Set.of(), LEASE).orElseThrow();
        jobs().fail("j", first.fencingToken(), JobFailure.of("timeout").withDetail("first trace").retryAt(T0));
        jobs().claimNext("w2", Set.of(), LEASE).orElseThrow();
        advance(LEASE);

        assertThat(jobs().requeueExpiredLeases()).isEqualTo(1);
        Job failed = jobs().get("j");
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("lease expired");
        assertThat(failed.errorDetail()).isEqualTo("first trace");
    }

    @Test
    @DisplayName("the sweep requeues expired jobs with attempts left from now and leaves live leases alone")
    void sweepRequeuesExpiredJobs() {
        jobs().create(NewJob.of("t").withId("expires"));
        Job expiring = jobs().claimNext("w1", Set.of(), LEASE).orElseThrow();
        Instant t1 = advance(Duration.ofSeconds(20));
        jobs().create(NewJob.of("t").withId("lives"));
        Job living = jobs().claimNext("w2", Set.of(), LEASE).orElseThrow();
        jobs().create(NewJob.of("t").withId("queued"));
        Instant t2 = advance(Duration.ofSeconds(10));
        assertThat(t2).isEqualTo(expiring.leaseExpiresAt());
        assertThat(t1).isBefore(t2);

        assertThat(jobs().requeueExpiredLeases()).isEqualTo(1);
        Job requeued = jobs().get("expires");
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.notBefore()).isEqualTo(t2);
        assertThat(requeued.leaseExpiresAt()).isNull();
        assertThat(requeued.attempts()).isEqualTo(1);
        assertThat(requeued.version()).isEqualTo(expiring.version() + 1);
        assertThat(jobs().get("lives")).isEqualTo(living);
        assertThat(jobs().get("queued").status()).isEqualTo(JobStatus.QUEUED);
        assertThat(jobs().requeueExpiredLeases()).isZero();
        assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().complete("expires", expiring.fencingToken(), null));
    }

    @Test
    @DisplayName("the sweep on a store without expired leases changes nothing")
    void sweepWithNothingExpired() {
        createAndClaim("t", "w1");
        jobs().create(NewJob.of("u"));
        StoreSnapshot before = StoreSnapshot.of(store);
        assertThat(jobs().requeueExpiredLeases()).isZero();
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }
}
