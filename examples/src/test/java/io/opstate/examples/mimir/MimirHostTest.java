package io.opstate.examples.mimir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.IllegalTransitionException;
import io.opstate.NotFoundException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.examples.hosts.HostStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mimir's scheduler persistence on memory, SQLite and PostgreSQL; the SQL ones are opened through
 * Mimir's own configuration, so the move to PostgreSQL is shown to be configuration alone.
 */
class MimirHostTest {
    @RegisterExtension
    final HostStores stores = new HostStores();
    @TempDir
    Path dir;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private PersistenceBackend open(String backend) {
        PersistenceConfig config = switch (backend) {
            case "memory" -> stores.fresh("memory", dir).build();
            case "sqlite" -> MimirPersistenceConfig.load(Map.of("persistence.path", dir.resolve("mimir.db").toString()),
                    Map.of()).toPersistenceConfig();
            case "postgres" -> MimirPersistenceConfig.load(Map.of("persistence.backend", "postgres",
                    "persistence.connection_string", stores.freshPostgresUrl()), Map.of()).toPersistenceConfig();
            default -> throw new IllegalArgumentException(backend);
        };
        return new OpStatePersistence(Persistence.open(config));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void schedulesRunsAndCascades(String backend) {
        try (PersistenceBackend mimir = open(backend)) {
            MimirHost.Outcome outcome = MimirHost.run(mimir, Duration.ofDays(30), new PrintStream(output, true, UTF_8));

            assertThat(outcome.pipelines()).extracting(PipelineConfig::name).containsExactly("sync.yaml", "report.yaml");
            assertThat(mimir.getPipeline("report.yaml").orElseThrow().description()).isNull();
            assertThat(outcome.jobs()).singleElement().satisfies(job -> {
                assertThat(job.id()).isEqualTo("daily-sync");
                assertThat(job.cronExpr()).isEqualTo("0 2 * * *");
                assertThat(job.lastRun()).isNotNull();
                assertThat(job.nextRun()).isAfter(job.lastRun());
                assertThat(job.nextRun().atZone(OpStatePersistence.CRON_ZONE).getHour()).isEqualTo(2);
                assertThat(job.lastResult()).contains("completed");
            });
            assertThat(outcome.dailyRuns()).singleElement().satisfies(run -> {
                assertThat(run.status()).isEqualTo(MimirStatuses.COMPLETED);
                assertThat(run.triggeredBy()).isEqualTo("scheduler");
                assertThat(run.endTime()).isAfterOrEqualTo(run.startTime());
                assertThat(run.duration()).isNotNull();
                assertThat(run.steps()).contains("store");
                assertThat(run.context()).as("produced at the end of the run").contains("120");
            });
            assertThat(mimir.getExecution(outcome.manualRunId())).as("deleted with its job").isEmpty();
            assertThat(outcome.expired()).isZero();
        }
        assertThat(output.toString(UTF_8)).contains("Loaded 0 jobs from persistence").contains("Deleted weekly-report");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void aRunReportedOnceEndedKeepsItsTimesAndRetentionDeletesOldRuns(String backend) {
        try (PersistenceBackend mimir = open(backend)) {
            mimir.savePipeline(PipelineConfig.of("sync.yaml", null, MimirHost.SYNC_CONFIG));
            mimir.saveJob(ScheduledJob.of("daily-sync", "Daily Data Sync", "sync.yaml", "0 2 * * *"));
            Instant end = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MICROS);
            mimir.saveExecution(new JobExecutionRecord("old", "daily-sync", "sync.yaml", end.minusSeconds(7), end, null,
                    MimirStatuses.FAILED, "upstream API returned 503", "{\"rows\": 0}", null, "scheduler"));
            mimir.saveExecution(JobExecutionRecord.started("new", "daily-sync", "sync.yaml", "bob"));

            JobExecutionRecord old = mimir.getExecution("old").orElseThrow();
            assertThat(old.startTime()).isEqualTo(end.minusSeconds(7));
            assertThat(old.endTime()).isEqualTo(end);
            assertThat(old.duration()).isEqualTo(Duration.ofSeconds(7));
            assertThat(old.status()).isEqualTo(MimirStatuses.FAILED);
            assertThat(mimir.listExecutions("daily-sync", 10)).extracting(JobExecutionRecord::id)
                    .as("newest first").containsExactly("new", "old");

            assertThat(mimir.deleteOldExecutions(Instant.now().minus(Duration.ofDays(30)))).isEqualTo(1);
            assertThat(mimir.listExecutions("daily-sync", 10)).extracting(JobExecutionRecord::id).containsExactly("new");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void refusesWhatMimirsTablesRefused(String backend) {
        try (PersistenceBackend mimir = open(backend)) {
            mimir.saveJob(ScheduledJob.of("daily-sync", "Daily Data Sync", "sync.yaml", "0 2 * * *"));
            mimir.saveExecution(JobExecutionRecord.started("run-1", "daily-sync", "sync.yaml", "scheduler")
                    .ended(MimirStatuses.RUNNING, null, null));
            mimir.saveExecution(JobExecutionRecord.started("run-1", "daily-sync", "sync.yaml", "scheduler")
                    .ended(MimirStatuses.CANCELLED, null, null));

            assertThatThrownBy(() -> mimir.saveExecution(JobExecutionRecord.started("run-1", "daily-sync", "sync.yaml",
                    "scheduler").ended(MimirStatuses.COMPLETED, null, null))).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> mimir.saveExecution(JobExecutionRecord.started("run-2", "no-such-job", "sync.yaml",
                    "scheduler"))).as("the foreign key").isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> mimir.updateJob(ScheduledJob.of("no-such-job", "x", "sync.yaml", "0 2 * * *")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> mimir.updatePipeline(PipelineConfig.of("no-such.yaml", null, "{}")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> mimir.saveJob(ScheduledJob.of("bad", "Bad", "sync.yaml", "61 * * * *")))
                    .isInstanceOf(io.opstate.InvalidInputException.class);

            mimir.updateJob(mimir.getJob("daily-sync").orElseThrow().withEnabled(false));
            assertThat(mimir.getJob("daily-sync").orElseThrow().nextRun()).as("a disabled job does not run").isNull();
            assertThat(mimir.getExecution("run-1").orElseThrow().status()).isEqualTo(MimirStatuses.CANCELLED);
            mimir.health();
        }
    }

    @Test
    void postgresIsAChangeOfConfiguration() {
        MimirPersistenceConfig sqlite = MimirPersistenceConfig.load(Map.of(), Map.of("MIMIR_DATABASE_PATH", "/app/data/mimir.db"));
        assertThat(sqlite.url()).isEqualTo("jdbc:sqlite:/app/data/mimir.db");
        assertThat(sqlite.toPersistenceConfig().poolMaxSize()).isEqualTo(10);
        assertThat(sqlite.toPersistenceConfig().poolMinIdle()).isEqualTo(5);
        assertThat(sqlite.retention()).isEqualTo(Duration.ofDays(30));

        MimirPersistenceConfig postgres = MimirPersistenceConfig.load(
                Map.of("persistence.backend", "postgres",
                        "persistence.connection_string", "postgres://mimir:s%40cret@db-host:5432/mimir?sslmode=require",
                        "persistence.retention_days", "90"),
                Map.of());
        assertThat(postgres.url()).isEqualTo(
                "jdbc:postgresql://db-host:5432/mimir?user=mimir&password=s%40cret&sslmode=require");
        assertThat(postgres.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(MimirPersistenceConfig.load(Map.of("persistence.backend", "postgres"),
                Map.of("MIMIR_DATABASE_URL", "postgresql://db-host/mimir")).url())
                .as("the environment overrides the file").isEqualTo("jdbc:postgresql://db-host/mimir");

        assertThatThrownBy(() -> MimirPersistenceConfig.load(Map.of("persistence.backend", "mysql"), Map.of()).url())
                .hasMessageContaining("persistence.backend");
        assertThatThrownBy(() -> MimirPersistenceConfig.load(Map.of("persistence.backend", "postgres"), Map.of()).url())
                .hasMessageContaining("persistence.connection_string");
        assertThatThrownBy(() -> MimirPersistenceConfig.load(Map.of(), Map.of("MIMIR_PERSISTENCE_RETENTION_DAYS", "0")))
                .hasMessageContaining("retention_days");
    }
}
