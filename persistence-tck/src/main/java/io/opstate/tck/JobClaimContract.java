package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Claiming work: what is claimable, in which order, and what a claim stamps on the job. */
public abstract class JobClaimContract extends TckSupport {

    @Test
    @DisplayName("claimNext: running, attempts/version + 1, a new token, worker, started now, lease now + lease")
    void claimStampsTheJob() {
        Job created = jobs().create(NewJob.of("t"));
        Instant later = advance(Duration.ofSeconds(3));
        Job claimed = jobs().claimNext("worker-1", Set.of(), Duration.ofSeconds(45)).orElseThrow();

        assertThat(claimed.id()).isEqualTo(created.id());
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.fencingToken()).isGreaterThan(created.fencingToken());
        assertThat(claimed.version()).isEqualTo(2);
        assertThat(claimed.workerId()).isEqualTo("worker-1");
        assertThat(claimed.startedAt()).isEqualTo(later);
        assertThat(claimed.updatedAt()).isEqualTo(later);
        assertThat(claimed.leaseExpiresAt()).isEqualTo(later.plusSeconds(45));
        assertThat(claimed.finishedAt()).isNull();
        assertThat(claimed.createdAt()).isEqualTo(T0);
        assertThat(jobs().get(created.id())).isEqualTo(claimed);
    }

    @Test
    @DisplayName("claimNext on an empty store, or with nothing claimable, is empty")
    void claimNothing() {
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).isEmpty();
        createAndClaim("t", "w");
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).as("a job under an active lease").isEmpty();
    }

    @Test
    @DisplayName("claim order: priority descending, then createdAt ascending, then id ascending")
    void claimOrder() {
        jobs().create(NewJob.of("t").withId("n2"));
        jobs().create(NewJob.of("t").withId("n1"));
        jobs().create(NewJob.of("t").withId("neg").withPriority(-5));
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("t").withId("n0"));
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("t").withId("p").withPriority(5));

        List<String> order = new ArrayList<>();
        Optional<Job> next;
        while ((next = jobs().claimNext("w", Set.of(), LEASE)).isPresent()) {
            order.add(next.get().id());
        }
        assertThat(order).containsExactly("p", "n1", "n2", "n0", "neg");
    }

    @Test
    @DisplayName("claimNext takes only the given types; an empty set takes any type")
    void claimByType() {
        jobs().create(NewJob.of("a").withId("job-a"));
        jobs().create(NewJob.of("b").withId("job-b"));
        jobs().create(NewJob.of("c").withId("job-c"));

        assertThat(jobs().claimNext("w", Set.of("zzz"), LEASE)).isEmpty();
        assertThat(jobs().claimNext("w", Set.of("b"), LEASE)).map(Job::id).contains("job-b");
        assertThat(jobs().claimNext("w", Set.of("b"), LEASE)).isEmpty();
        assertThat(jobs().claimNext("w", Set.of("c", "b"), LEASE)).map(Job::id).contains("job-c");
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).map(Job::id).contains("job-a");
    }

    @Test
    @DisplayName("claimBatch takes, best first, the jobs repeated claimNext would take, up to maxJobs")
    void claimBatchOrderAndLimit() {
        jobs().create(NewJob.of("t").withId("n2"));
        jobs().create(NewJob.of("t").withId("n1"));
        jobs().create(NewJob.of("t").withId("neg").withPriority(-5));
        jobs().create(NewJob.of("other").withId("o").withPriority(1));
        jobs().create(NewJob.of("t").withId("later").withNotBefore(T0.plusSeconds(60)));
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("t").withId("n0"));
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("t").withId("p").withPriority(5));

        assertThat(jobs().claimBatch("w", Set.of("t"), LEASE, 3)).extracting(Job::id).containsExactly("p", "n1", "n2");
        assertThat(jobs().claimBatch("w", Set.of("t", "other"), LEASE, 10)).extracting(Job::id)
                .containsExactly("o", "n0", "neg");
        assertThat(jobs().claimBatch("w", Set.of(), LEASE, 10)).as("only a job not yet due is left").isEmpty();
    }

    @Test
    @DisplayName("claimBatch stamps every job as claimNext does: each its own token, one lease for all")
    void claimBatchStampsEachJob() {
        Job first = jobs().create(NewJob.of("t").withId("a").withPayload("{\"n\":1}"));
        jobs().create(NewJob.of("t").withId("b"));
        Instant later = advance(Duration.ofSeconds(3));
        List<Job> claimed = jobs().claimBatch("worker-1", Set.of(), Duration.ofSeconds(45), 2);

        assertThat(claimed).hasSize(2).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.fencingToken()).isPositive();
            assertThat(job.version()).isEqualTo(2);
            assertThat(job.workerId()).isEqualTo("worker-1");
            assertThat(job.startedAt()).isEqualTo(later);
            assertThat(job.updatedAt()).isEqualTo(later);
            assertThat(job.leaseExpiresAt()).isEqualTo(later.plusSeconds(45));
            assertThat(job.createdAt()).isEqualTo(T0);
            assertThat(jobs().get(job.id())).isEqualTo(job);
        });
        assertThat(claimed).extracting(Job::id).containsExactly("a", "b");
        assertThat(claimed).extracting(Job::fencingToken).as("each its own token").doesNotHaveDuplicates();
        assertThat(claimed.get(0).payload()).as("the row as stored comes back").isEqualTo(first.payload());
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).as("both leases are active").isEmpty();
        for (Job job : claimed) {
            jobs().complete(job.id(), job.fencingToken(), null);
        }
        assertThat(jobs().countByStatus(JobQuery.all())).containsEntry(JobStatus.SUCCEEDED, 2L);
    }

    @Test
    @DisplayName("claimBatch takes back jobs whose lease expired, with attempts left, by claim order")
    void claimBatchTakesExpiredLeases() {
        Job stalled = createAndClaim("t", "crashed");
        jobs().create(NewJob.of("t").withId("fresh").withPriority(-1));
        jobs().create(NewJob.of("t").withId("spent").withMaxAttempts(1));
        Job spent = jobs().claimNext("crashed", Set.of(), LEASE).orElseThrow();
        assertThat(spent.id()).isEqualTo("spent");
        advance(LEASE.plusSeconds(1));

        List<Job> claimed = jobs().claimBatch("w2", Set.of(), LEASE, 10);
        assertThat(claimed).extracting(Job::id).containsExactly(stalled.id(), "fresh");
        assertThat(claimed.get(0).fencingToken()).isGreaterThan(stalled.fencingToken());
        assertThat(claimed.get(0).attempts()).isEqualTo(2);
        assertThatThrownBy(() -> jobs().complete(stalled.id(), stalled.fencingToken(), null))
                .isInstanceOf(LeaseLostException.class);
    }

    @Test
    @DisplayName("a job is not claimed before notBefore, and is claimable exactly at it")
    void notBeforeIsRespected() {
        Instant notBefore = T0.plusSeconds(10);
        jobs().create(NewJob.of("t").withId("later").withNotBefore(notBefore));

        clock.set(notBefore.minusNanos(1_000));
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).isEmpty();
        clock.set(notBefore);
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).map(Job::id).contains("later");
    }

    @Test
    @DisplayName("renewLease: lease now + lease, version + 1, token unchanged; keeps others away")
    void renewLease() {
        Job claimed = createAndClaim("t", "w1");
        Instant later = advance(Duration.ofSeconds(20));
        Job renewed = jobs().renewLease(claimed.id(), claimed.fencingToken(), Duration.ofMinutes(2));

        assertThat(renewed.leaseExpiresAt()).isEqualTo(later.plus(Duration.ofMinutes(2)));
        assertThat(renewed.fencingToken()).isEqualTo(claimed.fencingToken());
        assertThat(renewed.version()).isEqualTo(claimed.version() + 1);
        assertThat(renewed.updatedAt()).isEqualTo(later);
        assertThat(renewed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(jobs().get(claimed.id())).isEqualTo(renewed);

        advance(Duration.ofSeconds(60));
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).as("renewed lease still active").isEmpty();
    }

    @Test
    @DisplayName("reportProgress: stores what is given, keeps what is null, stamps updatedAt")
    void reportProgress() {
        Job claimed = createAndClaim("t", "w1");
        long token = claimed.fencingToken();
        Instant t1 = advance(Duration.ofSeconds(1));
        Job first = jobs().reportProgress(claimed.id(), token,
                new JobProgress("download", 0.25, 250L, 1000L, "a quarter"));
        assertThat(first.stage()).isEqualTo("download");
        assertThat(first.progress()).isEqualTo(0.25);
        assertThat(first.bytesDone()).isEqualTo(250);
        assertThat(first.bytesTotal()).isEqualTo(1000L);
        assertThat(first.message()).isEqualTo("a quarter");
        assertThat(first.updatedAt()).isEqualTo(t1);
        assertThat(first.version()).isEqualTo(claimed.version() + 1);

        Instant t2 = advance(Duration.ofSeconds(1));
        Job second = jobs().reportProgress(claimed.id(), token, JobProgress.none().withMessage("still going"));
        assertThat(second.stage()).isEqualTo("download");
        assertThat(second.progress()).isEqualTo(0.25);
        assertThat(second.bytesDone()).isEqualTo(250);
        assertThat(second.bytesTotal()).isEqualTo(1000L);
        assertThat(second.message()).isEqualTo("still going");
        assertThat(second.updatedAt()).isEqualTo(t2);
        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(second.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(second.leaseExpiresAt()).isEqualTo(claimed.leaseExpiresAt());

        Job third = jobs().reportProgress(claimed.id(), token, JobProgress.bytes(1000, 1000).withStage("verify"));
        assertThat(third.progress()).isEqualTo(1.0);
        assertThat(third.bytesDone()).isEqualTo(1000);
        assertThat(third.stage()).isEqualTo("verify");
        assertThat(jobs().get(claimed.id())).isEqualTo(third);
    }

    @Test
    @DisplayName("progress at the bounds 0 and 1 is accepted")
    void progressBounds() {
        Job claimed = createAndClaim("t", "w1");
        assertThat(jobs().reportProgress(claimed.id(), claimed.fencingToken(), JobProgress.fraction(0.0)).progress())
                .isEqualTo(0.0);
        assertThat(jobs().reportProgress(claimed.id(), claimed.fencingToken(), JobProgress.fraction(1.0)).progress())
                .isEqualTo(1.0);
    }

    @Test
    @DisplayName("a wrong fencing token or a job that is not running gets LeaseLostException; nothing changes")
    void tokenChecks() {
        Job claimed = createAndClaim("t", "w1");
        long wrong = claimed.fencingToken() + 1;
        LeaseLostException e = assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().complete(claimed.id(), wrong, null));
        assertThat(e.fencingToken()).isEqualTo(wrong);
        assertThat(e.entity()).isEqualTo("job");
        assertThat(e.id()).isEqualTo(claimed.id());
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().fail(claimed.id(), wrong, JobFailure.of("x")));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().renewLease(claimed.id(), wrong, LEASE));
        assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().reportProgress(claimed.id(), wrong, JobProgress.fraction(0.1)));

        Job queued = jobs().create(NewJob.of("never-claimed"));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().complete(queued.id(), 0, null));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().renewLease(queued.id(), 0, LEASE));

        jobs().complete(claimed.id(), claimed.fencingToken(), null);
        assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().complete(claimed.id(), claimed.fencingToken(), null));
        assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("late")));
    }

    @Test
    @DisplayName("token checks on an unknown job give NotFoundException(job, id)")
    void tokenChecksOnUnknownJob() {
        assertThatThrownBy(() -> jobs().complete("ghost", 1, null)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.id()).isEqualTo("ghost"));
        assertThatThrownBy(() -> jobs().fail("ghost", 1, JobFailure.of("x"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> jobs().renewLease("ghost", 1, LEASE)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> jobs().reportProgress("ghost", 1, JobProgress.none()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("oldestClaimableSince: the earliest notBefore of due jobs and lease end of lapsed ones with attempts left")
    void oldestClaimableSince() {
        assertThat(jobs().oldestClaimableSince()).as("no job").isEmpty();
        Instant start = now();
        jobs().create(NewJob.of("t").withId("delayed").withNotBefore(start.plus(Duration.ofHours(1))));
        assertThat(jobs().oldestClaimableSince()).as("only a job not yet due").isEmpty();

        Job created = jobs().create(NewJob.of("t").withId("first"));
        advance(Duration.ofSeconds(10));
        Job second = jobs().create(NewJob.of("u").withId("second"));
        assertThat(jobs().oldestClaimableSince()).as("the older of two due jobs, whatever their types")
                .contains(created.notBefore());

        Job first = jobs().claim("first", "w1", LEASE).orElseThrow();
        assertThat(jobs().oldestClaimableSince()).as("a claimed job no longer waits").contains(second.notBefore());
        jobs().claim("second", "w1", Duration.ofMinutes(5)).orElseThrow();
        assertThat(jobs().oldestClaimableSince()).as("every job claimed or not due").isEmpty();

        clock.set(first.leaseExpiresAt());
        assertThat(jobs().oldestClaimableSince()).as("a lapsed lease, from the moment it lapsed")
                .contains(first.leaseExpiresAt());

        jobs().fail(first.id(), first.fencingToken(), JobFailure.of("gone"));
        jobs().create(NewJob.of("t").withId("once").withMaxAttempts(1));
        Job once = jobs().claim("once", "w2", LEASE).orElseThrow();
        clock.set(once.leaseExpiresAt().plusSeconds(1));
        assertThat(jobs().oldestClaimableSince()).as("a lapsed lease without attempts left is not claimable").isEmpty();

        Instant secondLapsed = jobs().get("second").leaseExpiresAt();
        clock.set(start.plus(Duration.ofHours(1)));
        assertThat(jobs().oldestClaimableSince()).as("the lapsed lease is older than the job due only now")
                .contains(secondLapsed);
    }
}
