package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.LeaseLostException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a fencing token identifies: one claim of one job. Tokens come from one counter of the
 * whole store, so no two claims share one, and each claim of a job carries a larger one than the
 * claim before; a worker that presents its token with another job's id is refused.
 */
public abstract class FencingTokenContract extends TckSupport {

    @Test
    @DisplayName("a token of another job's claim is refused by complete, fail, renewLease and reportProgress;"
            + " nothing changes")
    void aTokenOfAnotherJobsClaimIsRefused() {
        jobs().create(NewJob.of("t").withId("a"));
        jobs().create(NewJob.of("t").withId("c"));
        Job a = jobs().claimNext("worker-a", Set.of(), LEASE).orElseThrow();
        Job c = jobs().claimNext("worker-c", Set.of(), LEASE).orElseThrow();
        assertThat(List.of(a.id(), c.id())).containsExactly("a", "c");
        assertThat(a.attempts()).as("both first claims: counted per job, their tokens would be equal")
                .isEqualTo(c.attempts());
        long tokenOfA = a.fencingToken();

        LeaseLostException refused = assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().complete("c", tokenOfA, "{\"by\":\"worker-a\"}"));
        assertThat(refused.id()).isEqualTo("c");
        assertThat(refused.fencingToken()).isEqualTo(tokenOfA);
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().fail("c", tokenOfA, JobFailure.of("x")));
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().renewLease("c", tokenOfA, LEASE));
        assertFailsUnchanged(LeaseLostException.class,
                () -> jobs().reportProgress("c", tokenOfA, JobProgress.fraction(0.5)));

        assertThat(jobs().complete("a", tokenOfA, null).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertFailsUnchanged(LeaseLostException.class, () -> jobs().complete("c", tokenOfA, null));
        Job done = jobs().complete("c", c.fencingToken(), "{\"by\":\"worker-c\"}");
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.workerId()).isEqualTo("worker-c");
    }

    @Test
    @DisplayName("a job's token grows with every claim, by any amount: other jobs' claims take numbers between")
    void aJobsTokenGrowsWithEveryClaim() {
        jobs().create(NewJob.of("t").withId("j").withMaxAttempts(5));
        List<Long> tokens = new ArrayList<>();
        for (int claim = 1; claim <= 5; claim++) {
            Job job = jobs().claimNext("w" + claim, Set.of("t"), LEASE).orElseThrow();
            assertThat(job.attempts()).isEqualTo(claim);
            tokens.add(job.fencingToken());
            jobs().create(NewJob.of("other"));
            jobs().claimNext("other-worker", Set.of("other"), LEASE).orElseThrow();
            advance(LEASE);
        }
        assertThat(tokens).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(tokens.get(0)).isPositive();
        assertThat(jobs().claimNext("w6", Set.of("t"), LEASE)).as("attempts exhausted").isEmpty();
    }

    @Test
    @DisplayName("no two claims share a token: claimNext, claimBatch, claims after a retry or an expired lease")
    void noTwoClaimsShareAToken() {
        jobs().createAll(IntStream.range(0, 6).mapToObj(i -> NewJob.of("t").withId("j" + i).withMaxAttempts(3))
                .toList());
        List<Job> claims = new ArrayList<>();
        claims.add(jobs().claimNext("w1", Set.of(), LEASE).orElseThrow());
        claims.addAll(jobs().claimBatch("w2", Set.of(), LEASE, 4));
        Job last = jobs().claimNext("w3", Set.of(), LEASE).orElseThrow();
        claims.add(last);
        jobs().fail(last.id(), last.fencingToken(), JobFailure.of("busy").retryAt(now()));
        claims.add(jobs().claimNext("w4", Set.of(), LEASE).orElseThrow());
        advance(LEASE);
        claims.addAll(jobs().claimBatch("w5", Set.of(), LEASE, 10));

        assertThat(claims).hasSize(13);
        assertThat(claims).extracting(Job::fencingToken).doesNotHaveDuplicates().allSatisfy(token ->
                assertThat(token).isPositive());
        for (Job job : StoreSnapshot.readAll(page -> jobs().list(JobQuery.all(), page))) {
            assertThat(claims.stream().filter(claim -> claim.id().equals(job.id())).map(Job::fencingToken).toList())
                    .as("tokens of %s in claim order", job.id()).isSortedAccordingTo(Long::compare);
        }
    }

    @Test
    @DisplayName("claims inside one transaction get tokens of their own")
    void claimsInOneTransaction() {
        jobs().createAll(List.of(NewJob.of("t"), NewJob.of("t"), NewJob.of("t")));
        List<Job> claims = store.inTransaction(transaction -> {
            List<Job> claimed = new ArrayList<>();
            claimed.add(transaction.jobs().claimNext("w", Set.of(), LEASE).orElseThrow());
            claimed.addAll(transaction.jobs().claimBatch("w", Set.of(), LEASE, 2));
            return claimed;
        });
        assertThat(claims).hasSize(3).extracting(Job::fencingToken).doesNotHaveDuplicates();
        for (Job claim : claims) {
            assertThat(jobs().get(claim.id())).isEqualTo(claim);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("8 threads claiming one job or a batch at a time never get the same token")
    void concurrentClaimsNeverShareAToken() throws Exception {
        int count = 800;
        jobs().createAll(IntStream.range(0, count).mapToObj(i -> NewJob.of("bulk")).toList());
        AtomicInteger threads = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        onAllThreads(() -> {
            boolean batches = threads.getAndIncrement() % 2 == 0;
            List<Job> claimed;
            do {
                claimed = batches
                        ? jobs().claimBatch("batches", Set.of(), LEASE, 5)
                        : jobs().claimNext("single", Set.of(), LEASE).stream().toList();
                claimed.forEach(job -> tokens.add(job.fencingToken()));
            } while (!claimed.isEmpty());
            return null;
        });
        assertThat(tokens).hasSize(count).doesNotHaveDuplicates();
    }
}
