package io.opstate.examples.mimir;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.StorageUnavailableException;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import io.opstate.schedules.ScheduleRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mimir's {@link PersistenceBackend} on OpState: scheduled jobs are schedules (the store checks the
 * cron expression and computes the next run), pipelines are pipelines, runs are executions of
 * their schedule (deleted with it). The same code runs on SQLite and PostgreSQL; which one is
 * configuration ({@link MimirPersistenceConfig}). Thread-safe.
 */
public final class OpStatePersistence implements PersistenceBackend {
    /** The zone cron expressions are read in: Mimir's container runs in UTC. */
    public static final ZoneId CRON_ZONE = ZoneOffset.UTC;

    private final Datastore store;

    /** @param store owned from now on: {@link #close()} closes it */
    public OpStatePersistence(Datastore store) {
        this.store = store;
    }

    @Override
    public void saveJob(ScheduledJob job) {
        store.schedules().save(NewSchedule.of(job.name(), job.pipeline(), job.cronExpr()).withId(job.id())
                .withTimeZone(CRON_ZONE).withEnabled(job.enabled()));
    }

    @Override
    public Optional<ScheduledJob> getJob(String id) {
        return store.schedules().find(id).map(OpStatePersistence::jobOf);
    }

    @Override
    public List<ScheduledJob> listJobs() {
        try (var schedules = store.schedules().stream(SortOrder.OLDEST_FIRST)) {
            return schedules.map(OpStatePersistence::jobOf).toList();
        }
    }

    @Override
    public void deleteJob(String id) {
        store.schedules().delete(id);
    }

    @Override
    public void updateJob(ScheduledJob job) {
        store.useTransaction(tx -> {
            ScheduleRepository schedules = tx.schedules();
            Schedule stored = schedules.get(job.id());
            Schedule updated = schedules.update(job.id(), stored.version(), ScheduleChanges.none().withName(job.name())
                    .withPipeline(job.pipeline()).withCronExpression(job.cronExpr()).withEnabled(job.enabled()));
            boolean ranSince = job.lastRun() != null
                    && (stored.lastRunAt() == null || job.lastRun().isAfter(stored.lastRunAt()));
            if (ranSince) {
                schedules.recordRun(job.id(), updated.version(), job.lastRun(), job.lastResult());
            } else if (!Objects.equals(job.lastResult(), stored.lastResult())) {
                schedules.setLastResult(job.id(), job.lastResult());
            }
        });
    }

    @Override
    public void savePipeline(PipelineConfig pipeline) {
        store.pipelines().save(NewPipeline.of(pipeline.name(), pipeline.config()).withDescription(pipeline.description()));
    }

    @Override
    public Optional<PipelineConfig> getPipeline(String name) {
        return store.pipelines().find(name).map(OpStatePersistence::pipelineOf);
    }

    @Override
    public List<PipelineConfig> listPipelines() {
        try (var pipelines = store.pipelines().stream(SortOrder.OLDEST_FIRST)) {
            return pipelines.map(OpStatePersistence::pipelineOf).toList();
        }
    }

    @Override
    public void deletePipeline(String name) {
        store.pipelines().delete(name);
    }

    @Override
    public void updatePipeline(PipelineConfig pipeline) {
        PipelineChanges changes = PipelineChanges.none().withConfig(pipeline.config());
        store.pipelines().update(pipeline.name(), pipeline.description() == null ? changes.withoutDescription()
                : changes.withDescription(pipeline.description()));
    }

    @Override
    public void saveExecution(JobExecutionRecord execution) {
        ExecutionStatus status = MimirStatuses.toOpState("status", execution.status());
        store.useTransaction(tx -> {
            Optional<Execution> stored = tx.executions().find(execution.id());
            if (stored.isEmpty() && status == ExecutionStatus.RUNNING) {
                tx.executions().start(NewExecution.of(execution.pipeline(), execution.triggeredBy())
                        .withId(execution.id()).withScheduleId(execution.jobId())
                        .withContext(execution.context()).withSteps(execution.steps()));
            } else if (stored.isEmpty()) {
                // A run reported once it ended keeps the times it ran at: an existing record, written as it was.
                tx.records().importExecutions(List.of(endedRun(execution, status)));
            } else if (status == ExecutionStatus.RUNNING) {
                if (execution.steps() != null) {
                    tx.executions().updateSteps(execution.id(), execution.steps());
                }
            } else {
                tx.executions().finish(execution.id(), new ExecutionOutcome(status, execution.error(),
                        execution.steps(), execution.context()));
            }
        });
    }

    @Override
    public Optional<JobExecutionRecord> getExecution(String id) {
        return store.executions().find(id).map(OpStatePersistence::recordOf);
    }

    @Override
    public List<JobExecutionRecord> listExecutions(String jobId, int limit) {
        return store.executions().list(ExecutionQuery.bySchedule(jobId), PageRequest.first(limit)).items().stream()
                .map(OpStatePersistence::recordOf).toList();
    }

    @Override
    public int deleteOldExecutions(Instant olderThan) {
        return store.executions().deleteStartedBefore(olderThan);
    }

    @Override
    public void health() {
        Health health = store.maintenance().health();
        if (!health.reachable()) {
            throw new StorageUnavailableException("database unhealthy: " + health.detail());
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static Execution endedRun(JobExecutionRecord execution, ExecutionStatus status) {
        Instant end = execution.endTime() != null ? execution.endTime()
                : execution.startTime().plus(execution.duration() == null ? Duration.ZERO : execution.duration());
        return Execution.builder(execution.id(), execution.pipeline(), execution.triggeredBy())
                .scheduleId(execution.jobId())
                .status(status)
                .startedAt(execution.startTime())
                .endedAt(end)
                .error(execution.error())
                .context(execution.context())
                .steps(execution.steps())
                .build();
    }

    static ScheduledJob jobOf(Schedule schedule) {
        return new ScheduledJob(schedule.id(), schedule.name(), schedule.pipeline(), schedule.cronExpression(),
                schedule.enabled(), schedule.nextRunAt(), schedule.lastRunAt(), schedule.lastResult(),
                schedule.createdAt(), schedule.updatedAt());
    }

    static PipelineConfig pipelineOf(Pipeline pipeline) {
        return new PipelineConfig(pipeline.name(), pipeline.description(), pipeline.config(), pipeline.createdAt(),
                pipeline.updatedAt());
    }

    static JobExecutionRecord recordOf(Execution execution) {
        return new JobExecutionRecord(execution.id(), execution.scheduleId(), execution.pipeline(),
                execution.startedAt(), execution.endedAt(),
                execution.durationMillis() == null ? null : Duration.ofMillis(execution.durationMillis()),
                MimirStatuses.toMimir(execution.status()), execution.error(), execution.context(), execution.steps(),
                execution.triggeredBy());
    }
}
