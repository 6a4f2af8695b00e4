package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Listing, counting and retention of jobs. */
public abstract class JobQueryContract extends TckSupport {

    /** Jobs a..e created a second apart, types x and y, ending in five different statuses. */
    private void fiveJobs() {
        jobs().create(NewJob.of("x").withId("a"));
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("y").withId("b"));
        jobs().claimNext("w", Set.of("y"), LEASE).orElseThrow();
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("x").withId("c"));
        Job a = jobs().claimNext("w", Set.of("x"), LEASE).orElseThrow();
        assertThat(a.id()).isEqualTo("a");
        jobs().complete("a", a.fencingToken(), null);
        Job c = jobs().claimNext("w", Set.of("x"), LEASE).orElseThrow();
        jobs().fail(c.id(), c.fencingToken(), JobFailure.of("bad"));
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("y").withId("d"));
        jobs().cancel("d");
        advance(Duration.ofSeconds(1));
        jobs().create(NewJob.of("x").withId("e"));
        // a succeeded (T0), b running (T0+1s), c failed (T0+2s), d cancelled (T0+3s), e queued (T0+4s)
    }

    private List<String> ids(JobQuery query) {
        return StoreSnapshot.readAll(page -> jobs().list(query, page)).stream().map(Job::id).toList();
    }

    @Test
    @DisplayName("list: newest first by default, oldest first on request")
    void listOrder() {
        fiveJobs();
        Page<Job> newest = jobs().list(JobQuery.all(), PageRequest.first());
        assertThat(newest.items()).extracting(Job::id).containsExactly("e", "d", "c", "b", "a");
        assertThat(newest.nextCursor()).isNull();
        assertThat(newest.hasMore()).isFalse();
        assertThat(jobs().list(JobQuery.all(), PageRequest.first().oldestFirst()).items()).extracting(Job::id)
                .containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    @DisplayName("list returns the stored records")
    void listReturnsFullRecords() {
        fiveJobs();
        for (Job job : jobs().list(JobQuery.all(), PageRequest.first()).items()) {
            assertThat(job).isEqualTo(jobs().get(job.id()));
        }
    }

    @Test
    @DisplayName("list filters by type, status and creation window, combined with AND")
    void listFilters() {
        fiveJobs();
        assertThat(ids(JobQuery.all().withTypes("x"))).containsExactly("a", "c", "e");
        assertThat(ids(JobQuery.all().withTypes("x", "y"))).containsExactly("a", "b", "c", "d", "e");
        assertThat(ids(JobQuery.all().withTypes("nope"))).isEmpty();
        assertThat(ids(JobQuery.all().withStatuses(JobStatus.QUEUED))).containsExactly("e");
        assertThat(ids(JobQuery.all().withStatuses(JobStatus.FAILED, JobStatus.CANCELLED))).containsExactly("c", "d");
        assertThat(ids(JobQuery.all().createdBetween(T0.plusSeconds(1), T0.plusSeconds(3))))
                .as("from inclusive, before exclusive").containsExactly("b", "c");
        assertThat(ids(JobQuery.all().createdBetween(T0.plusSeconds(2), null))).containsExactly("c", "d", "e");
        assertThat(ids(JobQuery.all().createdBetween(null, T0.plusSeconds(1)))).containsExactly("a");
        assertThat(ids(JobQuery.all().withTypes("x").withStatuses(JobStatus.SUCCEEDED, JobStatus.QUEUED)
                .createdBetween(T0, T0.plusSeconds(4)))).containsExactly("a");
    }

    @Test
    @DisplayName("countByStatus: every status present, zero when none, filters applied")
    void countByStatus() {
        Map<JobStatus, Long> empty = jobs().countByStatus(JobQuery.all());
        assertThat(empty).containsOnlyKeys(JobStatus.values()).allSatisfy((status, n) -> assertThat(n).isZero());

        fiveJobs();
        assertThat(jobs().countByStatus(JobQuery.all())).containsOnlyKeys(JobStatus.values())
                .containsEntry(JobStatus.QUEUED, 1L).containsEntry(JobStatus.RUNNING, 1L)
                .containsEntry(JobStatus.SUCCEEDED, 1L).containsEntry(JobStatus.FAILED, 1L)
                .containsEntry(JobStatus.CANCELLED, 1L);
        jobs().create(NewJob.of("x"));
        Map<JobStatus, Long> xOnly = jobs().countByStatus(JobQuery.all().withTypes("x"));
        assertThat(xOnly).containsOnlyKeys(JobStatus.values()).containsEntry(JobStatus.QUEUED, 2L)
                .containsEntry(JobStatus.RUNNING, 0L).containsEntry(JobStatus.SUCCEEDED, 1L)
                .containsEntry(JobStatus.FAILED, 1L).containsEntry(JobStatus.CANCELLED, 0L);
        Map<JobStatus, Long> window = jobs().countByStatus(JobQuery.all().withStatuses(JobStatus.QUEUED, JobStatus.RUNNING)
                .createdBetween(T0, T0.plusSeconds(2)));
        assertThat(window).containsOnlyKeys(JobStatus.values()).containsEntry(JobStatus.RUNNING, 1L)
                .containsEntry(JobStatus.QUEUED, 0L).containsEntry(JobStatus.SUCCEEDED, 0L);
    }

    @Test
    @DisplayName("deleteFinishedBefore: only finished jobs with finishedAt strictly before the cutoff")
    void deleteFinishedBefore() {
        Job early = createAndClaim("t", "w");
        jobs().complete(early.id(), early.fencingToken(), null);
        Instant t1 = advance(Duration.ofMinutes(1));
        Job failed = createAndClaim("t", "w");
        jobs().fail(failed.id(), failed.fencingToken(), JobFailure.of("x"));
        Job cancelled = jobs().cancel(jobs().create(NewJob.of("t")).id());
        advance(Duration.ofMinutes(1));
        Job lateDone = createAndClaim("t", "w");
        jobs().complete(lateDone.id(), lateDone.fencingToken(), null);
        clock.set(T0.minusSeconds(3600));
        Job oldQueued = jobs().create(NewJob.of("old"));
        Job oldRunning = jobs().create(NewJob.of("old-running"));
        jobs().claimNext("w", Set.of("old-running"), LEASE).orElseThrow();

        assertThat(jobs().deleteFinishedBefore(T0)).as("strictly before").isZero();
        assertThat(jobs().deleteFinishedBefore(t1)).isEqualTo(1);
        assertThat(jobs().find(early.id())).isEmpty();
        assertThat(jobs().deleteFinishedBefore(t1.plusNanos(1000))).isEqualTo(2);
        assertThat(jobs().find(failed.id())).isEmpty();
        assertThat(jobs().find(cancelled.id())).isEmpty();
        assertThat(jobs().deleteFinishedBefore(T0.plus(Duration.ofDays(365)))).isEqualTo(1);
        assertThat(ids(JobQuery.all())).containsExactlyInAnyOrder(oldQueued.id(), oldRunning.id());
    }

    @Test
    @DisplayName("deleteFinishedBefore on an empty store deletes nothing")
    void deleteFinishedBeforeOnEmptyStore() {
        assertThat(jobs().deleteFinishedBefore(T0.plusSeconds(1))).isZero();
        jobs().create(NewJob.of("t"));
        assertThat(jobs().deleteFinishedBefore(T0.plusSeconds(1))).as("queued jobs are never deleted").isZero();
        assertThat(ids(JobQuery.all())).hasSize(1);
    }
}
