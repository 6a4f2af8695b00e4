package io.opstate.micrometer;

/**
 * The names of the meters {@link OpStateMetrics} registers, as Micrometer names them (dotted, lower
 * case; a registry renders them in its own convention, e.g. {@code opstate_jobs} for Prometheus).
 * docs/operations.md describes each with its type, tags and meaning.
 */
public final class MeterNames {
    /** Gauge: jobs in each status, tag {@code status} ({@code queued}, {@code running}, ...). */
    public static final String JOBS = "opstate.jobs";
    /** Time gauge, seconds: how long the job that has waited longest among the claimable ones has waited. */
    public static final String QUEUE_AGE = "opstate.jobs.queue.age";
    /** Gauge, bytes: the size of the database ({@link io.opstate.Health#storageBytes()}). */
    public static final String STORAGE_SIZE = "opstate.storage.size";
    /** Gauge: how many artifacts the store holds. */
    public static final String ARTIFACTS = "opstate.artifacts";
    /** Gauge, bytes: the artifacts' size, tag {@code form}: {@code logical} (as put) or {@code stored} (compressed). */
    public static final String ARTIFACTS_SIZE = "opstate.artifacts.size";
    /** Timer with a histogram: how long applying schema migrations took. */
    public static final String MIGRATION_DURATION = "opstate.migration.duration";
    /** Distribution summary with a histogram: writes per committed transaction of combined single writes. */
    public static final String COMMIT_BATCH_SIZE = "opstate.commit.batch.size";
    /** Timer: how long each transaction of combined single writes took, from its start to its commit. */
    public static final String COMMIT_BATCH_DURATION = "opstate.commit.batch.duration";
    /** Timer: calls of repository operations, tags {@code repository}, {@code operation}, {@code outcome}, {@code exception}. */
    public static final String REPOSITORY_CALLS = "opstate.repository.calls";
    /** Timer: maintenance tasks run, tags {@code task} and {@code outcome}. */
    public static final String MAINTENANCE_TASKS = "opstate.maintenance.tasks";

    private MeterNames() {
    }
}
