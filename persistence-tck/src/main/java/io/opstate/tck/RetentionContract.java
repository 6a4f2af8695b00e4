package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.artifacts.Artifact;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.PageRequest;
import io.opstate.resources.NewResource;
import io.opstate.resources.ResourceChange;
import io.opstate.resources.ResourceKind;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import io.opstate.schedules.NewSchedule;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.SessionChanges;
import io.opstate.tokens.NewToken;
import io.opstate.transcripts.NewTranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link io.opstate.Maintenance#prune}: every rule of a {@link RetentionPolicy} removes what it
 * says and nothing else, with what the removed records own; a dry run counts exactly what the
 * real run then removes; batches are bounded, reported and cancellable between them.
 */
public abstract class RetentionContract extends ArtifactSupport {
    private static final Duration DAY = Duration.ofDays(1);

    /** Runs {@code policy} dry, then for real, checks both reports agree and returns the real one. */
    private RetentionReport pruneChecked(RetentionPolicy policy) {
        RetentionReport dry = store.maintenance().prune(policy, PruneMode.DRY_RUN);
        RetentionReport real = store.maintenance().prune(policy, PruneMode.DELETE);
        assertThat(dry.mode()).isEqualTo(PruneMode.DRY_RUN);
        assertThat(real.mode()).isEqualTo(PruneMode.DELETE);
        assertThat(dry.removed()).as("a dry run counts what the real run removes").isEqualTo(real.removed());
        assertThat(store.maintenance().prune(policy, PruneMode.DRY_RUN).totalRows())
                .as("nothing is left to remove after the real run").isZero();
        return real;
    }

    private void finishJob(String type) {
        var job = createAndClaim(type, "w");
        jobs().complete(job.id(), job.fencingToken(), "{}");
    }

    @Test
    @DisplayName("jobs: finished jobs that finished before the age go; unfinished and younger ones stay")
    void finishedJobs() {
        finishJob("old");
        jobs().create(NewJob.of("queued").withId("queued"));
        createAndClaim("running", "w2");
        advance(DAY.multipliedBy(10));
        finishJob("young");

        RetentionReport report = pruneChecked(RetentionPolicy.builder().jobsFinishedOlderThan(DAY).build());

        assertThat(report.of(RetentionEntity.JOBS)).isEqualTo(RetentionCount.rows(1));
        assertThat(report.totalRows()).isEqualTo(1);
        assertThat(jobs().stream(JobQuery.all(), null).map(job -> job.type()).sorted().toList())
                .containsExactly("queued", "running", "young");
    }

    @Test
    @DisplayName("executions: by age, and beyond the newest N of each schedule; ad-hoc runs are left to the age")
    void executionsByAgeAndPerSchedule() {
        String nightly = schedules().create(NewSchedule.of("nightly", "etl", "0 0 * * *")).id();
        String hourly = schedules().create(NewSchedule.of("hourly", "etl", "0 * * * *")).id();
        executions().start(NewExecution.of("etl", "api").withId("ancient-adhoc"));
        advance(DAY.multipliedBy(30));
        for (int run = 1; run <= 5; run++) {
            executions().start(NewExecution.of("etl", "scheduler").withId("nightly-" + run).withScheduleId(nightly));
            executions().start(NewExecution.of("etl", "scheduler").withId("hourly-" + run).withScheduleId(hourly));
            executions().start(NewExecution.of("etl", "api").withId("adhoc-" + run));
            advance(Duration.ofHours(1));
        }
        executions().finish("nightly-5", ExecutionOutcome.succeeded());

        RetentionReport report = pruneChecked(RetentionPolicy.builder().executionsOlderThan(DAY.multipliedBy(7))
                .executionsKeepLast(2).build());

        assertThat(report.rows(RetentionEntity.EXECUTIONS)).isEqualTo(1 + 3 + 3);
        List<String> left = executions().stream(null, null).map(execution -> execution.id()).sorted().toList();
        assertThat(left).containsExactly("adhoc-1", "adhoc-2", "adhoc-3", "adhoc-4", "adhoc-5",
                "hourly-4", "hourly-5", "nightly-4", "nightly-5");
    }

    @Test
    @DisplayName("history: events older than the age go")
    void historyByAge() {
        history().append(NewHistoryEvent.of("old.one"));
        history().append(NewHistoryEvent.of("old.two"));
        advance(DAY.multipliedBy(2));
        history().append(NewHistoryEvent.of("young"));

        RetentionReport report = pruneChecked(RetentionPolicy.builder().historyOlderThan(DAY).build());

        assertThat(report.rows(RetentionEntity.HISTORY)).isEqualTo(2);
        assertThat(history().stream(null, null).map(event -> event.event()).toList()).containsExactly("young");
    }

    @Test
    @DisplayName("sessions: finished sessions ended before the age go with their transcripts; running ones stay")
    void finishedSessions() {
        var ended = store.sessions().create(NewSession.of("c1", "running").withId("ended"));
        store.transcripts().append("ended", NewTranscriptEntry.of("user", "hello"));
        store.transcripts().append("ended", NewTranscriptEntry.of("assistant", "hi there"));
        store.sessions().saveState("ended", 0, "{\"step\": 1}");
        store.sessions().update("ended", store.sessions().get("ended").version(),
                SessionChanges.none().withStatus("done").withEndedAt(now()));
        store.sessions().create(NewSession.of("c1", "running").withId("running"));
        store.transcripts().append("running", NewTranscriptEntry.of("user", "still going"));
        advance(DAY.multipliedBy(3));
        store.sessions().create(NewSession.of("c2", "running").withId("recent"));
        store.sessions().update("recent", 1, SessionChanges.none().withStatus("done").withEndedAt(now()));

        RetentionReport report = pruneChecked(RetentionPolicy.builder().sessionsFinishedOlderThan(DAY).build());

        assertThat(report.of(RetentionEntity.SESSIONS)).isEqualTo(RetentionCount.rows(1));
        assertThat(report.of(RetentionEntity.TRANSCRIPT_ENTRIES))
                .isEqualTo(new RetentionCount(2, "hello".length() + "hi there".length()));
        assertThat(store.sessions().find(ended.id())).isEmpty();
        assertThatThrownBy(() -> store.transcripts().read("ended", 0, 10)).isInstanceOf(NotFoundException.class);
        assertThat(store.sessions().find("running")).isPresent();
        assertThat(store.transcripts().count("running")).isEqualTo(1);
        assertThat(store.sessions().find("recent")).isPresent();
        assertThat(store.constructs().find("c1")).isPresent();
    }

    @Test
    @DisplayName("constructs: of the statuses, unchanged for the age, go with links, sessions, transcripts and artifacts")
    void constructsByStatusAndAge() {
        store.constructs().create(NewConstruct.of("feature", "archived").withId("gone"));
        store.constructs().create(NewConstruct.of("feature", "archived").withId("touched"));
        store.constructs().link("gone", "depends-on", "c1", null);
        store.sessions().create(NewSession.of("gone", "running").withId("gone-session"));
        store.transcripts().append("gone-session", NewTranscriptEntry.of("user", "bye"));
        put("gone", "log", "run.log", BINARY, randomBytes(100));
        advance(DAY.multipliedBy(40));
        store.constructs().update("touched", 1, ConstructChanges.none().withTitle("still wanted"));

        RetentionReport report = pruneChecked(RetentionPolicy.builder()
                .constructs(Set.of("archived", "abandoned"), DAY.multipliedBy(30)).build());

        assertThat(report.rows(RetentionEntity.CONSTRUCTS)).isEqualTo(1);
        assertThat(store.constructs().find("gone")).isEmpty();
        assertThat(store.constructs().incoming("c1", null)).isEmpty();
        assertThat(store.sessions().find("gone-session")).isEmpty();
        assertThat(artifacts().totals().artifacts()).isZero();
        assertThat(store.constructs().find("touched")).isPresent();
        assertThat(store.constructs().find("c1")).isPresent();
        assertThat(store.constructs().find("c2")).isPresent();
    }

    @Test
    @DisplayName("artifacts: by age, then the oldest others until the stored sizes fit the quota; bytes counted")
    void artifactsByAgeThenQuota() {
        Artifact ancient = put("c1", "log", "ancient", BINARY, randomBytes(1_000));
        advance(DAY.multipliedBy(100));
        List<Artifact> recent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recent.add(put(i % 2 == 0 ? "c1" : "c2", "log", "recent-" + i, BINARY, randomBytes(400)));
            advance(Duration.ofMinutes(1));
        }
        long recentBytes = recent.get(0).storedSize();

        RetentionReport report = pruneChecked(RetentionPolicy.builder().artifactsOlderThan(DAY.multipliedBy(30))
                .artifactsQuotaBytes(2 * recentBytes + 1).build());

        // After the ancient one, five of recentBytes each exceed the quota by 3 artifacts' worth.
        assertThat(report.of(RetentionEntity.ARTIFACTS))
                .isEqualTo(new RetentionCount(4, ancient.storedSize() + 3 * recentBytes));
        assertThat(artifacts().find(ancient.id())).isEmpty();
        assertThat(artifacts().totals().artifacts()).isEqualTo(2);
        assertThat(artifacts().totals().storedBytes()).isEqualTo(2 * recentBytes);
        assertThat(artifacts().find(recent.get(3).id())).isPresent();
        assertThat(artifacts().find(recent.get(4).id())).isPresent();
        assertThat(artifacts().usage("c1").artifacts() + artifacts().usage("c2").artifacts()).isEqualTo(2);
    }

    @Test
    @DisplayName("artifacts: a quota of 0 removes every artifact; a quota already met removes none")
    void artifactQuotaBounds() {
        put("c1", "log", "a", BINARY, randomBytes(50));
        put("c2", "log", "b", BINARY, randomBytes(50));
        assertThat(pruneChecked(RetentionPolicy.builder().artifactsQuotaBytes(1_000_000L).build()).totalRows()).isZero();
        assertThat(pruneChecked(RetentionPolicy.builder().artifactsQuotaBytes(0L).build())
                .rows(RetentionEntity.ARTIFACTS)).isEqualTo(2);
        assertThat(artifacts().totals().artifacts()).isZero();
    }

    @Test
    @DisplayName("tokens: expired or revoked longer ago than the grace go; active and recently ended ones stay")
    void expiredTokens() {
        String expired = store.tokens().create(NewToken.of("expired", Set.of()).withExpiresAt(now().plus(DAY))).token().id();
        String revoked = store.tokens().create(NewToken.of("revoked", Set.of())).token().id();
        store.tokens().revoke(revoked);
        String active = store.tokens().create(NewToken.of("active", Set.of())).token().id();
        String later = store.tokens().create(NewToken.of("later", Set.of()).withExpiresAt(now().plus(DAY.multipliedBy(30))))
                .token().id();
        advance(DAY.multipliedBy(10));
        String recentlyRevoked = store.tokens().create(NewToken.of("recently", Set.of())).token().id();
        store.tokens().revoke(recentlyRevoked);

        RetentionReport report = pruneChecked(RetentionPolicy.builder().tokensExpiredFor(DAY.multipliedBy(7)).build());

        assertThat(report.rows(RetentionEntity.TOKENS)).isEqualTo(2);
        assertThat(store.tokens().find(expired)).isEmpty();
        assertThat(store.tokens().find(revoked)).isEmpty();
        assertThat(store.tokens().find(active)).isPresent();
        assertThat(store.tokens().find(later)).isPresent();
        assertThat(store.tokens().find(recentlyRevoked)).isPresent();
    }

    @Test
    @DisplayName("change feed: entries older than the age go, but never the newest; then all beyond the newest N")
    void changeFeed() {
        store.resources().declareKind(ResourceKind.of("instance", "stopped", "running"));
        for (int i = 0; i < 4; i++) {
            store.resources().create(NewResource.of("instance", "old-" + i));
        }
        advance(DAY.multipliedBy(10));
        for (int i = 0; i < 5; i++) {
            store.resources().create(NewResource.of("instance", "new-" + i));
        }

        RetentionReport report = pruneChecked(RetentionPolicy.builder().changesOlderThan(DAY).changesKeepLast(3).build());

        assertThat(report.rows(RetentionEntity.CHANGES)).isEqualTo(4 + 2);
        List<Long> left = store.resources().changesSince(0, 100).stream().map(ResourceChange::position).toList();
        assertThat(left).containsExactly(7L, 8L, 9L);
        store.resources().create(NewResource.of("instance", "next"));
        assertThat(store.resources().changesSince(9, 10)).extracting(ResourceChange::position).containsExactly(10L);

        advance(DAY.multipliedBy(10));
        assertThat(pruneChecked(RetentionPolicy.builder().changesOlderThan(DAY).build()).rows(RetentionEntity.CHANGES))
                .as("the newest change stays, so positions go on from it").isEqualTo(3);
        store.resources().create(NewResource.of("instance", "after"));
        assertThat(store.resources().changesSince(0, 10)).extracting(ResourceChange::position).containsExactly(10L, 11L);
    }

    @Test
    @DisplayName("every rule at once: the dry run's counts equal the real run's; an empty policy removes nothing")
    void everyRuleAtOnce() {
        store.constructs().create(NewConstruct.of("feature", "archived").withId("gone"));
        store.sessions().create(NewSession.of("gone", "running").withId("s-gone"));
        store.sessions().update("s-gone", 1, SessionChanges.none().withEndedAt(now()));
        store.transcripts().append("s-gone", NewTranscriptEntry.of("user", "abc"));
        put("gone", "log", "x", BINARY, randomBytes(10));
        put("c1", "log", "y", BINARY, randomBytes(10));
        finishJob("old");
        history().append(NewHistoryEvent.of("old"));
        executions().start(NewExecution.of("p", "api"));
        store.resources().declareKind(ResourceKind.of("instance", "stopped", "running"));
        store.resources().create(NewResource.of("instance", "a"));
        store.resources().create(NewResource.of("instance", "b"));
        store.tokens().revoke(store.tokens().create(NewToken.of("t", Set.of())).token().id());
        advance(DAY.multipliedBy(60));
        RetentionPolicy everything = RetentionPolicy.builder().jobsFinishedOlderThan(DAY).executionsOlderThan(DAY)
                .executionsKeepLast(1).historyOlderThan(DAY).sessionsFinishedOlderThan(DAY)
                .constructs(Set.of("archived"), DAY).artifactsOlderThan(DAY).artifactsQuotaBytes(0L)
                .tokensExpiredFor(DAY).changesOlderThan(DAY).changesKeepLast(1).batchSize(1).build();

        assertThat(store.maintenance().prune(RetentionPolicy.builder().build(), PruneMode.DELETE).totalRows()).isZero();
        RetentionReport report = pruneChecked(everything);

        assertThat(report.rows(RetentionEntity.JOBS)).isEqualTo(1);
        assertThat(report.rows(RetentionEntity.EXECUTIONS)).isEqualTo(1);
        assertThat(report.rows(RetentionEntity.HISTORY)).isEqualTo(1);
        assertThat(report.rows(RetentionEntity.SESSIONS)).isEqualTo(1);
        assertThat(report.rows(RetentionEntity.TRANSCRIPT_ENTRIES)).isEqualTo(1);
        assertThat(report.rows(RetentionEntity.ARTIFACTS)).isEqualTo(2);
        assertThat(report.rows(RetentionEntity.CONSTRUCTS)).isEqualTo(1);
        assertThat(report.rows(RetentionEntity.TOKENS)).isEqualTo(1);
        assertThat(report.rows(RetentionEntity.CHANGES)).isEqualTo(1);
    }

    @Test
    @DisplayName("an age reaching before every storable time selects nothing; an age of zero selects everything older than now")
    void extremeAges() {
        history().append(NewHistoryEvent.of("e"));
        finishJob("done");
        advance(Duration.ofSeconds(1));
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);

        assertThat(pruneChecked(RetentionPolicy.builder().historyOlderThan(forever).jobsFinishedOlderThan(forever)
                .tokensExpiredFor(forever).changesOlderThan(forever).build()).totalRows()).isZero();
        assertThat(pruneChecked(RetentionPolicy.builder().historyOlderThan(Duration.ZERO)
                .jobsFinishedOlderThan(Duration.ZERO).build()).totalRows()).isEqualTo(2);
    }

    @Test
    @DisplayName("batches: each holds at most batchSize rows and is reported; progress counts up to the total")
    void batchesReported() {
        IntStream.range(0, 5).forEach(i -> history().append(NewHistoryEvent.of("e" + i)));
        advance(DAY);
        List<Progress> reports = new ArrayList<>();

        RetentionReport report = store.maintenance().prune(RetentionPolicy.builder().historyOlderThan(Duration.ZERO)
                .batchSize(2).build(), PruneMode.DELETE, reports::add, Cancellation.none());

        assertThat(report.rows(RetentionEntity.HISTORY)).isEqualTo(5);
        assertThat(reports).extracting(Progress::operation).containsOnly("retention");
        assertThat(reports).extracting(Progress::step).containsOnly(RetentionEntity.HISTORY.label());
        assertThat(reports).extracting(Progress::done).containsExactly(2L, 4L, 5L);
        assertThat(reports.get(reports.size() - 1).total()).isEqualTo(5);
    }

    @Test
    @DisplayName("cancellation: stops between batches; the batches finished stay removed, the rest stays")
    void cancellationBetweenBatches() {
        IntStream.range(0, 7).forEach(i -> history().append(NewHistoryEvent.of("e" + i)));
        advance(DAY);
        Cancellation cancellation = new Cancellation();
        RetentionPolicy policy = RetentionPolicy.builder().historyOlderThan(Duration.ZERO).batchSize(3).build();

        assertThatThrownBy(() -> store.maintenance().prune(policy, PruneMode.DELETE, progress -> cancellation.cancel(),
                cancellation)).isInstanceOf(OperationCancelledException.class)
                .satisfies(e -> assertThat(((OperationCancelledException) e).operation()).isEqualTo("retention"));

        assertThat(history().stream(null, null).count()).isEqualTo(4);
        assertThat(store.maintenance().prune(policy, PruneMode.DRY_RUN).rows(RetentionEntity.HISTORY)).isEqualTo(4);
        Cancellation already = new Cancellation();
        already.cancel();
        assertThatThrownBy(() -> store.maintenance().prune(policy, PruneMode.DELETE, progress -> { }, already))
                .isInstanceOf(OperationCancelledException.class);
        assertThat(history().stream(null, null).count()).isEqualTo(4);
    }

    @Test
    @DisplayName("a listener that throws stops the run like a cancellation, its exception the cause")
    void throwingListener() {
        IntStream.range(0, 3).forEach(i -> history().append(NewHistoryEvent.of("e" + i)));
        advance(DAY);
        IllegalStateException boom = new IllegalStateException("ui gone");

        assertThatThrownBy(() -> store.maintenance().prune(RetentionPolicy.builder().historyOlderThan(Duration.ZERO)
                .batchSize(1).build(), PruneMode.DELETE, progress -> {
                    throw boom;
                }, Cancellation.none())).isInstanceOf(OperationCancelledException.class).hasCause(boom);
        assertThat(history().stream(null, null).count()).isEqualTo(2);
    }

    @Test
    @DisplayName("bad policies and arguments are refused naming the field; the store is unchanged")
    void badInputNamed() {
        history().append(NewHistoryEvent.of("e"));
        assertField(() -> RetentionPolicy.builder().jobsFinishedOlderThan(Duration.ofSeconds(-1)).build(), "jobsFinishedOlderThan");
        assertField(() -> RetentionPolicy.builder().executionsOlderThan(Duration.ofDays(-1)).build(), "executionsOlderThan");
        assertField(() -> RetentionPolicy.builder().executionsKeepLast(0).build(), "executionsKeepLast");
        assertField(() -> RetentionPolicy.builder().historyOlderThan(Duration.ofMillis(-1)).build(), "historyOlderThan");
        assertField(() -> RetentionPolicy.builder().sessionsFinishedOlderThan(Duration.ofDays(-2)).build(),
                "sessionsFinishedOlderThan");
        assertField(() -> RetentionPolicy.builder().constructs(Set.of(), DAY).build(), "constructStatuses");
        assertField(() -> RetentionPolicy.builder().constructs(Set.of(" "), DAY).build(), "constructStatuses");
        assertField(() -> RetentionPolicy.builder().constructs(Set.of("done"), null).build(), "constructsOlderThan");
        assertField(() -> RetentionPolicy.builder().constructs(null, DAY).build(), "constructStatuses");
        assertField(() -> RetentionPolicy.builder().constructs(Set.of("done"), Duration.ofDays(-1)).build(),
                "constructsOlderThan");
        assertField(() -> RetentionPolicy.builder().artifactsOlderThan(Duration.ofDays(-1)).build(), "artifactsOlderThan");
        assertField(() -> RetentionPolicy.builder().artifactsQuotaBytes(-1L).build(), "artifactsQuotaBytes");
        assertField(() -> RetentionPolicy.builder().tokensExpiredFor(Duration.ofDays(-1)).build(), "tokensExpiredFor");
        assertField(() -> RetentionPolicy.builder().changesOlderThan(Duration.ofDays(-1)).build(), "changesOlderThan");
        assertField(() -> RetentionPolicy.builder().changesKeepLast(0).build(), "changesKeepLast");
        assertField(() -> RetentionPolicy.builder().batchSize(0).build(), "batchSize");
        assertField(() -> RetentionPolicy.builder().batchSize(RetentionPolicy.MAX_BATCH_SIZE + 1).build(), "batchSize");
        RetentionPolicy policy = RetentionPolicy.builder().historyOlderThan(Duration.ZERO).build();
        assertField(() -> store.maintenance().prune(null, PruneMode.DELETE), "policy");
        assertField(() -> store.maintenance().prune(policy, null), "mode");
        assertField(() -> store.maintenance().prune(policy, PruneMode.DELETE, null, Cancellation.none()), "listener");
        assertField(() -> store.maintenance().prune(policy, PruneMode.DELETE, progress -> { }, null), "cancellation");
        assertThat(history().list(null, PageRequest.first(10)).items()).hasSize(1);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
