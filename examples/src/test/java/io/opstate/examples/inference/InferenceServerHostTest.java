package io.opstate.examples.inference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opstate.Datastore;
import io.opstate.IllegalTransitionException;
import io.opstate.LeaseLostException;
import io.opstate.Persistence;
import io.opstate.examples.hosts.HostStores;
import io.opstate.examples.hosts.SettableClock;
import io.opstate.jobs.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inference server's pulls, on memory, SQLite and PostgreSQL. */
class InferenceServerHostTest {
    @RegisterExtension
    final HostStores stores = new HostStores();
    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(Instant.parse("2025-12-18T10:30:00Z"));
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private Datastore open(String backend) {
        return Persistence.open(stores.fresh(backend, dir).clock(clock).build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void pullsSucceedFailAndWait(String backend) {
        try (JobDatabase db = new OpStateJobDatabase(open(backend), "server-1", clock)) {
            List<PullJob> jobs = InferenceServerHost.run(db, new PrintStream(output, true, UTF_8));

            // The test clock stands still, so the three share a creation time: no order to check here.
            assertThat(jobs).extracting(PullJob::model)
                    .containsExactlyInAnyOrder("Qwen/Qwen3-0.6B", "invalid/model-name", "gpt2");
            Map<String, PullJob> byModel = jobs.stream().collect(Collectors.toMap(PullJob::model, job -> job));
            PullJob gpt2 = byModel.get("gpt2");
            assertThat(gpt2.status()).isEqualTo(PullStatus.SUCCEEDED);
            assertThat(gpt2.quantize()).isEqualTo("auto");
            assertThat(gpt2.init()).isTrue();
            assertThat(gpt2.stage()).isEqualTo("load");
            assertThat(gpt2.downloadedBytes()).isEqualTo(InferenceServerHost.GPT2_BYTES);
            assertThat(gpt2.totalBytes()).isEqualTo(InferenceServerHost.GPT2_BYTES);
            assertThat(gpt2.progress()).isEqualTo(1.0);
            assertThat(gpt2.localPath()).endsWith("snapshots/607a30d");
            assertThat(gpt2.sizeBytes()).isEqualTo(InferenceServerHost.GPT2_BYTES);
            assertThat(gpt2.preferredQuantized()).isFalse();
            assertThat(gpt2.startedAt()).isNotNull();
            assertThat(gpt2.finishedAt()).isNotNull();
            assertThat(gpt2.error()).isNull();

            PullJob invalid = byModel.get("invalid/model-name");
            assertThat(invalid.status()).isEqualTo(PullStatus.FAILED);
            assertThat(invalid.error()).startsWith("Repository Not Found");
            assertThat(invalid.traceback()).isEqualTo(InferenceServerHost.TRACEBACK);
            assertThat(invalid.init()).isFalse();
            assertThat(invalid.localPath()).isNull();
            assertThat(invalid.downloadedBytes()).isZero();
            assertThat(invalid.progress()).isNull();

            PullJob queued = byModel.get("Qwen/Qwen3-0.6B");
            assertThat(queued.status()).isEqualTo(PullStatus.QUEUED);
            assertThat(queued.startedAt()).isNull();
            assertThat(db.getJob(queued.id())).contains(queued);
        }
        assertThat(output.toString(UTF_8)).contains("update_job of an unknown id: false")
                .contains("delete_old_jobs(days=30): 0 deleted");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void progressIsReportedInBytesAndAsAFraction(String backend) {
        try (JobDatabase db = new OpStateJobDatabase(open(backend), "server-1", clock)) {
            db.createJob(new NewPull("p-1", "Qwen/Qwen3-0.6B", "q4", true));
            assertThat(db.updateJob("p-1", new PullUpdate.Started())).isTrue();
            assertThat(db.updateJob("p-1", new PullUpdate.Progress(300, 1200L, "download"))).isTrue();

            PullJob running = db.getJob("p-1").orElseThrow();
            assertThat(running.status()).isEqualTo(PullStatus.RUNNING);
            assertThat(running.downloadedBytes()).isEqualTo(300);
            assertThat(running.totalBytes()).isEqualTo(1200);
            assertThat(running.progress()).isEqualTo(0.25);
            assertThat(running.stage()).isEqualTo("download");

            IllegalTransitionException twice = catchThrowableOfType(IllegalTransitionException.class,
                    () -> db.updateJob("p-1", new PullUpdate.Started()));
            assertThat(twice.id()).isEqualTo("p-1");
            assertThat(db.updateJob("missing", new PullUpdate.Progress(1, null, "download"))).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void aPullTakenOverAfterItsLeaseRefusesTheStalledTask(String backend) {
        try (Datastore store = open(backend);
             JobDatabase first = new OpStateJobDatabase(store, "server-1", clock)) {
            JobDatabase second = new OpStateJobDatabase(store, "server-2", clock);
            first.createJob(new NewPull("p-1", "gpt2", "auto", false));
            first.updateJob("p-1", new PullUpdate.Started());

            clock.advance(OpStateJobDatabase.LEASE.plusSeconds(1));
            assertThat(second.updateJob("p-1", new PullUpdate.Started())).isTrue();

            catchThrowableOfType(LeaseLostException.class,
                    () -> first.updateJob("p-1", new PullUpdate.Succeeded("/stale", 1L, false)));
            assertThat(second.updateJob("p-1", new PullUpdate.Succeeded("/models/gpt2", 10L, false))).isTrue();
            assertThat(first.getJob("p-1").orElseThrow().localPath()).isEqualTo("/models/gpt2");
            assertThat(store.jobs().get("p-1").attempts()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void deleteOldJobsDeletesByAgeWhateverTheStatus(String backend) {
        try (Datastore store = open(backend); JobDatabase db = new OpStateJobDatabase(store, "server-1", clock)) {
            db.createJob(new NewPull("old-queued", "gpt2", null, null));
            db.createJob(new NewPull("old-running", "gpt2-medium", null, null));
            db.updateJob("old-running", new PullUpdate.Started());
            clock.advance(Duration.ofDays(31));
            db.createJob(new NewPull("recent", "gpt2-large", null, null));
            store.jobs().create(io.opstate.jobs.NewJob.of("thumbnail").withId("other-type"));
            clock.advance(Duration.ofDays(29));

            assertThat(db.getAllJobs()).extracting(PullJob::id).as("newest first")
                    .containsExactly("recent", "old-running", "old-queued");
            assertThat(db.deleteOldJobs(30)).isEqualTo(2);

            assertThat(db.getAllJobs()).extracting(PullJob::id).containsExactly("recent");
            assertThat(store.jobs().get("other-type").status()).as("not a pull").isEqualTo(JobStatus.QUEUED);
        }
    }
}
