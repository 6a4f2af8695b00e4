package io.opstate.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.executions.ExecutionStatus;
import io.opstate.history.HistoryEvent;
import io.opstate.jobs.JobStatus;
import io.opstate.schedules.Schedule;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the quickstart from rotting: it must run to the same summary, and run again on the same SQLite file. */
class QuickstartHostTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, UTF_8);

    @Test
    void runsTheWholeTourAndSummarisesIt() throws InterruptedException {
        Summary summary = QuickstartHost.run(PersistenceConfig.builder("memory:").build(), out);

        assertThat(summary.backend()).isEqualTo("memory");
        // 17 reports succeed at once, 2 flaky ones on their retry, the broken one fails both attempts.
        assertThat(summary.batchJobs()).containsExactlyInAnyOrderEntriesOf(Map.of(
                JobStatus.SUCCEEDED, 19L, JobStatus.FAILED, 1L,
                JobStatus.QUEUED, 0L, JobStatus.RUNNING, 0L, JobStatus.CANCELLED, 0L));
        assertThat(summary.storeJobs()).isEqualTo(summary.batchJobs());
        assertThat(summary.failedJobs()).singleElement().satisfies(job -> {
            assertThat(job.payload()).contains("report-17");
            assertThat(job.attempts()).isEqualTo(ReportPipeline.BROKEN_MAX_ATTEMPTS);
            assertThat(job.stage()).isEqualTo("render");
            assertThat(job.bytesTotal()).isEqualTo(17 * 250_000L);
            assertThat(job.bytesDone()).isEqualTo(17 * 250_000L / 3);
            assertThat(job.error()).isEqualTo("render: template service timed out");
            assertThat(job.errorDetail()).contains("ReportTask$Failure");
        });
        assertThat(summary.batchExecutions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                ExecutionStatus.SUCCEEDED, 19L, ExecutionStatus.FAILED, 4L,
                ExecutionStatus.RUNNING, 0L, ExecutionStatus.CANCELLED, 0L));
        assertThat(summary.executionPages()).isEqualTo(3);
        assertThat(summary.recentHistory())
                .hasSize(Summary.HISTORY_SHOWN)
                .extracting(HistoryEvent::id)
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(summary.dueSoon()).singleElement().satisfies(schedule -> {
            assertThat(schedule.id()).isEqualTo(ReportPipeline.SCHEDULE_ID);
            assertThat(schedule.lastResult()).isEqualTo("19 succeeded, 1 failed");
            assertThat(schedule.lastRunAt()).isNotNull();
        });

        summary.print(out);
        assertThat(output.toString(UTF_8))
                .contains("Backend: memory")
                .contains("Enqueued 20 report jobs")
                .contains("no attempts left, job failed")
                .contains("failed: report-17 after 2 of 2 attempts, in stage 'render' at 33%")
                .contains("jobs of this run:     0 queued, 0 running, 19 succeeded, 1 failed, 0 cancelled")
                .contains("executions this run:  23 (0 running, 19 succeeded, 4 failed, 0 cancelled)");
    }

    @Test
    void runsAgainOnTheSameSqliteFile(@TempDir Path dir) throws InterruptedException {
        assumeTrue(sqlitePresent(), "the SQLite backend is not on the classpath");
        PersistenceConfig config = PersistenceConfig.builder("jdbc:sqlite:" + dir.resolve("quickstart.db")).build();

        QuickstartHost.run(config, out);
        Summary second = QuickstartHost.run(config, out);

        assertThat(second.backend()).isEqualTo("sqlite");
        assertThat(second.batchJobs()).containsEntry(JobStatus.SUCCEEDED, 19L).containsEntry(JobStatus.FAILED, 1L);
        assertThat(second.storeJobs()).containsEntry(JobStatus.SUCCEEDED, 38L).containsEntry(JobStatus.FAILED, 2L);
        assertThat(output.toString(UTF_8)).contains("Pipeline nightly-report updated (version 2)");
    }

    @Test
    void definingThePipelineAgainUpdatesItInPlace() {
        try (Datastore store = Persistence.open("memory:")) {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, UTF_8);
            Schedule first = ReportPipeline.defineIn(store, quiet);
            Schedule second = ReportPipeline.defineIn(store, quiet);

            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.version()).isEqualTo(first.version() + 1);
            assertThat(store.pipelines().get(ReportPipeline.PIPELINE).version()).isEqualTo(2);
        }
    }

    @Test
    void opstateUrlWinsOverTheEmbeddedDefault() {
        assertThat(QuickstartConfig.fromEnvironment(Map.of("OPSTATE_URL", "memory:elsewhere")).url())
                .isEqualTo("memory:elsewhere");
        assertThat(QuickstartConfig.fromEnvironment(Map.of()).url())
                .isEqualTo(sqlitePresent() ? QuickstartConfig.SQLITE_URL : QuickstartConfig.MEMORY_URL);
    }

    private static boolean sqlitePresent() {
        return Persistence.providers().stream().anyMatch(p -> p.name().equals("sqlite"));
    }
}
