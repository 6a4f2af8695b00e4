package io.opstate.examples.mimir;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mimir's storage abstraction ({@code utils/persistence.go}, {@code PersistenceBackend}): scheduled
 * jobs, pipelines and the execution history. Implementations are thread-safe.
 */
public interface PersistenceBackend extends AutoCloseable {
    /** Creates the job, or replaces its name, pipeline, expression and enabled flag. */
    void saveJob(ScheduledJob job);

    /** The job, or empty. */
    Optional<ScheduledJob> getJob(String id);

    /** Every job, oldest first. */
    List<ScheduledJob> listJobs();

    /** Deletes the job and every execution of it; nothing happens when there is none. */
    void deleteJob(String id);

    /**
     * Updates a stored job, including the run the scheduler just made ({@code lastRun},
     * {@code lastResult}); atomic.
     *
     * @throws io.opstate.NotFoundException if there is no such job
     */
    void updateJob(ScheduledJob job);

    /** Creates the pipeline, or replaces its description and definition. */
    void savePipeline(PipelineConfig pipeline);

    /** The pipeline, or empty. */
    Optional<PipelineConfig> getPipeline(String name);

    /** Every pipeline, oldest first. */
    List<PipelineConfig> listPipelines();

    /** Deletes the pipeline; nothing happens when there is none. */
    void deletePipeline(String name);

    /**
     * Replaces a stored pipeline's description and definition.
     *
     * @throws io.opstate.NotFoundException if there is no such pipeline
     */
    void updatePipeline(PipelineConfig pipeline);

    /**
     * Records a run: a new running one starts now; a known running one gets its steps, or ends
     * with its status, error, steps and context; a new one that already ended is recorded as it
     * happened, with its own times.
     *
     * @throws io.opstate.NotFoundException if its job does not exist
     * @throws io.opstate.IllegalTransitionException if it had ended already
     */
    void saveExecution(JobExecutionRecord execution);

    /** The run, or empty. */
    Optional<JobExecutionRecord> getExecution(String id);

    /** The latest {@code limit} (1..1000) runs of the job, newest first. */
    List<JobExecutionRecord> listExecutions(String jobId, int limit);

    /** Deletes the runs that started before {@code olderThan}; returns how many (Mimir's retention). */
    int deleteOldExecutions(Instant olderThan);

    /**
     * Checks that the database answers.
     *
     * @throws io.opstate.StorageUnavailableException naming the reason when it does not
     */
    void health();

    @Override
    void close();
}
