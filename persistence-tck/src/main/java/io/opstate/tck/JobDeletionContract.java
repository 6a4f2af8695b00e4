package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.NotFoundException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link JobRepository#deleteMatching}: retention by query, in any status, counted, in batches of
 * at most {@link JobRepository#DELETE_BATCH_SIZE}.
 */
public abstract class JobDeletionContract extends TckSupport {

    private List<String> ids(JobQuery query) {
        return jobs().stream(query, null).map(Job::id).sorted().toList();
    }

    @Test
    @DisplayName("deleteMatching: jobs created before a time, in every status, are deleted and counted")
    void deletesByCreationTimeInAnyStatus() {
        jobs().create(NewJob.of("t").withId("queued"));
        Job running = createAndClaim("r", "w1");
        Job done = createAndClaim("d", "w1");
        jobs().complete(done.id(), done.fencingToken(), "{}");
        Job failed = createAndClaim("f", "w1");
        jobs().fail(failed.id(), failed.fencingToken(), JobFailure.of("boom"));
        jobs().cancel(jobs().create(NewJob.of("c").withId("cancelled")).id());
        Instant cutoff = advance(Duration.ofHours(1));
        jobs().create(NewJob.of("t").withId("young"));

        int deleted = jobs().deleteMatching(JobQuery.all().createdBetween(null, cutoff));

        assertThat(deleted).isEqualTo(5);
        assertThat(ids(JobQuery.all())).containsExactly("young");
        assertThat(jobs().find(running.id())).isEmpty();
    }

    @Test
    @DisplayName("deleteMatching: type, status and time filters combine; other jobs stay as they were")
    void filtersCombine() {
        Job oldRunningMail = createAndClaim("mail", "w1");
        jobs().create(NewJob.of("mail").withId("old-mail"));
        jobs().create(NewJob.of("pull").withId("old-pull"));
        Instant from = advance(Duration.ofMinutes(1));
        jobs().create(NewJob.of("mail").withId("new-mail"));
        Job newPull = jobs().create(NewJob.of("pull").withId("new-pull"));

        int deleted = jobs().deleteMatching(JobQuery.all().withTypes("mail").withStatuses(JobStatus.QUEUED));
        assertThat(deleted).isEqualTo(2);
        assertThat(ids(JobQuery.all())).containsExactlyInAnyOrder(oldRunningMail.id(), "new-pull", "old-pull");

        assertThat(jobs().deleteMatching(JobQuery.all().createdBetween(from, null))).isEqualTo(1);
        assertThat(jobs().find(newPull.id())).isEmpty();
        assertThat(jobs().get("old-pull").version()).isEqualTo(1);
    }

    @Test
    @DisplayName("deleteMatching: nothing matching deletes nothing and returns 0; JobQuery.all() deletes every job")
    void emptyAndEverything() {
        assertThat(jobs().deleteMatching(JobQuery.all())).isZero();
        jobs().create(NewJob.of("a"));
        jobs().create(NewJob.of("b"));

        assertThat(jobs().deleteMatching(JobQuery.all().withTypes("c"))).isZero();
        assertThat(jobs().deleteMatching(JobQuery.all())).isEqualTo(2);
        assertThat(ids(JobQuery.all())).isEmpty();
    }

    @Test
    @DisplayName("deleteMatching: more jobs than one batch holds are all deleted, and only they")
    void moreThanOneBatch() {
        int old = 2 * JobRepository.DELETE_BATCH_SIZE + 7;
        List<NewJob> batch = new ArrayList<>();
        IntStream.range(0, old).forEach(i -> batch.add(NewJob.of(i % 2 == 0 ? "even" : "odd")));
        jobs().createAll(batch);
        Instant cutoff = advance(Duration.ofSeconds(1));
        List<Job> kept = jobs().createAll(List.of(NewJob.of("even"), NewJob.of("odd")));

        int deleted = jobs().deleteMatching(JobQuery.all().createdBetween(null, cutoff));

        assertThat(deleted).isEqualTo(old);
        assertThat(ids(JobQuery.all())).containsExactlyElementsOf(kept.stream().map(Job::id).sorted().toList());
    }

    @Test
    @DisplayName("deleteMatching: exactly one batch's worth is deleted whole")
    void exactlyOneBatch() {
        List<NewJob> batch = new ArrayList<>();
        IntStream.range(0, JobRepository.DELETE_BATCH_SIZE).forEach(i -> batch.add(NewJob.of("t")));
        jobs().createAll(batch);

        assertThat(jobs().deleteMatching(JobQuery.all().withTypes("t"))).isEqualTo(JobRepository.DELETE_BATCH_SIZE);
        assertThat(jobs().countByStatus(JobQuery.all()).get(JobStatus.QUEUED)).isZero();
    }

    @Test
    @DisplayName("deleteMatching: a worker still holding a deleted job gets NotFoundException")
    void aWorkerOfADeletedJobIsTold() {
        Job running = createAndClaim("work", "w1");

        assertThat(jobs().deleteMatching(JobQuery.all().withStatuses(JobStatus.RUNNING))).isEqualTo(1);

        assertThatThrownBy(() -> jobs().complete(running.id(), running.fencingToken(), "{}"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> jobs().renewLease(running.id(), running.fencingToken(), LEASE))
                .isInstanceOf(NotFoundException.class);
        assertThat(jobs().claimNext("w2", Set.of(), LEASE)).isEmpty();
    }

    @Test
    @DisplayName("deleteMatching: inside a transaction that rolls back, nothing is deleted")
    void insideARolledBackTransaction() {
        jobs().create(NewJob.of("t").withId("kept"));

        RuntimeException abort = new IllegalStateException("host gives up");
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            assertThat(tx.jobs().deleteMatching(JobQuery.all())).isEqualTo(1);
            throw abort;
        })).isSameAs(abort);

        assertThat(jobs().find("kept")).isPresent();
    }

    @Test
    @DisplayName("deleteMatching: a null query, or a bad one, is rejected and deletes nothing")
    void badQueriesAreRejected() {
        jobs().create(NewJob.of("t"));

        assertRejected("query", () -> jobs().deleteMatching(null));
        assertRejected("types", () -> jobs().deleteMatching(JobQuery.all().withTypes("a", null)));
        assertRejected("statuses", () -> jobs().deleteMatching(JobQuery.all().withStatuses((JobStatus) null)));
        assertRejected("types", () -> jobs().deleteMatching(JobQuery.all().withTypes("")));
    }
}
