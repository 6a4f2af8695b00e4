package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionStatus;
import io.opstate.history.HistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an import hands the backend: whole batches, times truncated, derived fields filled in, nothing when refused. */
class ValidatingRecordImportTest {
    private static final Instant CREATED = Instant.parse("2025-12-18T10:30:00.123456789Z");

    private final RecordingDatastore backend = new RecordingDatastore();
    private final Datastore store = ValidatingDatastore.wrap(backend, PersistenceConfig.builder("memory:").build());

    @SuppressWarnings("unchecked")
    private <T> List<T> passed() {
        return (List<T>) backend.onlyCall().arg(0);
    }

    @Test
    void fillsInAJobsDerivedTimesAndTruncatesEveryTime() {
        store.records().importJobs(List.of(Job.builder("j", "pull").status(JobStatus.FAILED).attempts(1, 3)
                .createdAt(CREATED).startedAt(CREATED.plusSeconds(2)).finishedAt(CREATED.plusSeconds(5)).build()));

        Job job = this.<Job>passed().get(0);
        assertThat(job.createdAt()).isEqualTo(Instant.parse("2025-12-18T10:30:00.123456Z"));
        assertThat(job.updatedAt()).isEqualTo(Instant.parse("2025-12-18T10:30:05.123456Z"));
        assertThat(job.notBefore()).isEqualTo(job.createdAt());
    }

    @Test
    void derivesPipelineScheduleAndExecutionFields() {
        store.records().importPipelines(List.of(Pipeline.builder("p", "{}").createdAt(CREATED).build()));
        assertThat(this.<Pipeline>passed().get(0).updatedAt()).isEqualTo(Instant.parse("2025-12-18T10:30:00.123456Z"));

        RecordingDatastore schedules = new RecordingDatastore();
        ValidatingDatastore.wrap(schedules, PersistenceConfig.builder("memory:").build()).records().importSchedules(
                List.of(Schedule.builder("s", "S", "p", " 0 2 * * * ").timeZone(null).createdAt(CREATED)
                        .lastRunAt(CREATED.plusSeconds(60)).build()));
        @SuppressWarnings("unchecked")
        Schedule schedule = ((List<Schedule>) schedules.onlyCall().arg(0)).get(0);
        assertThat(schedule.cronExpression()).isEqualTo("0 2 * * *");
        assertThat(schedule.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(schedule.updatedAt()).isEqualTo(Instant.parse("2025-12-18T10:31:00.123456Z"));

        RecordingDatastore executions = new RecordingDatastore();
        ValidatingDatastore.wrap(executions, PersistenceConfig.builder("memory:").build()).records().importExecutions(
                List.of(Execution.builder("e", "p", "me").status(ExecutionStatus.SUCCEEDED)
                        .startedAt(Instant.parse("2025-12-18T10:30:00.0000009Z"))
                        .endedAt(Instant.parse("2025-12-18T10:30:00.0010000Z")).build()));
        @SuppressWarnings("unchecked")
        Execution execution = ((List<Execution>) executions.onlyCall().arg(0)).get(0);
        assertThat(execution.durationMillis()).as("from the truncated times, as a store keeps them").isEqualTo(1L);
    }

    @Test
    void namesTheRecordAndFieldAndCallsNothing() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> store.records().importHistory(List.of(
                HistoryEvent.builder("ok", CREATED).build(), HistoryEvent.builder("bad", CREATED).metadata("{").build())));

        assertThat(e.field()).isEqualTo("events[1].metadata");
        assertThat(e.getMessage()).startsWith("events[1].metadata: is not well-formed JSON");
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void refusesDuplicatesWithinTheBatchBeforeTheBackend() {
        HistoryEvent kept = HistoryEvent.builder("e", CREATED).id(7).build();
        assertThat(catchThrowableOfType(DuplicateKeyException.class,
                () -> store.records().importHistory(List.of(kept, kept)))).hasMessageContaining("'7'");
        Schedule schedule = Schedule.builder("s", "S", "p", "0 2 * * *").createdAt(CREATED).build();
        assertThat(catchThrowableOfType(DuplicateKeyException.class,
                () -> store.records().importSchedules(List.of(schedule, schedule)))).hasMessageContaining("schedule");
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void passesArtifactRowsTruncatedAndRefusesOnesThatCannotNameTheirBlob() {
        String sha = "a".repeat(64);
        store.records().importArtifacts(List.of(new Artifact("a1", "c1", "log", "build.log", "text/plain", null, sha,
                10, 4, ArtifactCompression.ZSTD, CREATED)));
        assertThat(this.<Artifact>passed().get(0).createdAt()).isEqualTo(Instant.parse("2025-12-18T10:30:00.123456Z"));

        RecordingDatastore refused = new RecordingDatastore();
        Datastore checking = ValidatingDatastore.wrap(refused, PersistenceConfig.builder("memory:").build());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> checking.records()
                .importArtifacts(List.of(new Artifact("a1", "c1", "log", "build.log", "text/plain", null, sha, 10, 4,
                        ArtifactCompression.NONE, CREATED))));
        assertThat(e.field()).isEqualTo("artifacts[0].storedSize");
        assertThat(catchThrowableOfType(DuplicateKeyException.class, () -> checking.records().importArtifacts(List.of(
                new Artifact("a1", "c1", "log", "x.log", "text/plain", null, sha, 4, 4, ArtifactCompression.NONE, CREATED),
                new Artifact("a2", "c1", "log", "x.log", "text/plain", null, sha, 4, 4, ArtifactCompression.NONE,
                        CREATED))))).hasMessageContaining("x.log");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> checking.records().importBlob("A".repeat(64),
                1, ArtifactCompression.NONE, new java.io.ByteArrayInputStream(new byte[1]))).field()).isEqualTo("sha256");
        assertThat(refused.calls()).isEmpty();
    }
}
