package io.opstate.core;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Maintenance;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.TransactionalAction;
import io.opstate.TransactionalWork;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.constructs.ConstructRepository;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.imports.RecordImport;
import io.opstate.jobs.JobRepository;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.core.search.ValidatingSearchRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.SessionRepository;
import io.opstate.preferences.PreferenceRepository;
import io.opstate.tokens.TokenRepository;
import io.opstate.transcripts.TranscriptRepository;
import io.opstate.core.maintenance.MaintenanceRunner;
import io.opstate.core.maintenance.MaintenanceTasks;
import io.opstate.core.maintenance.ObservedMaintenance;
import io.opstate.core.maintenance.TaskLeases;
import java.util.Optional;
import java.util.Objects;

/**
 * The one place where arguments are checked: a {@link Datastore} that validates and normalises
 * the arguments of every repository call as {@code docs/behaviour.md} ("Input checking")
 * specifies, then hands them to the backend. Every backend's provider returns its store
 * wrapped by {@link #wrap}, so backends may assume valid, normalised input and cannot drift.
 *
 * <p>Bad input raises {@link InvalidInputException} naming the record component or parameter
 * (e.g. {@code type}, {@code lease}, {@code cursor}) before the backend is called, so nothing
 * is written. Reads by key ({@code find}, {@code get}) answer a non-null key that no record can
 * have (one a create would refuse) themselves: empty, or {@link io.opstate.NotFoundException}.
 * The error and detail of a job's failure are cut to their limits, keeping the head, rather than
 * refused. What passes is normalised: a null id of a new job, schedule, execution or construct becomes
 * a new UUIDv7, a null schedule time zone becomes UTC, a null type set means every type, a null
 * query means no restriction, a null sort order means newest first, and instants are checked to
 * lie in year 1..9999 and truncated to microseconds. Imported records ({@link #records()}) are
 * checked record by record, refusals naming {@code <batch>[<index>].<field>}, and their derived
 * fields filled in. {@code retry(id, null)} stays null (the
 * backend uses now). A {@code stream} call checks its query like {@code list} when it is made,
 * not when the first page is pulled. The repositories returned, and the store handed to
 * transactional work, check the same way. Thread-safe if the backend is; closing closes the backend.
 */
public final class ValidatingDatastore implements Datastore {
    private final Datastore backend;
    private final int maxPayloadBytes;
    private final int maxEntryBytes;
    /** Encrypts exports and decrypts imports ({@link Settings#BACKUP_KEY}); null: plain archives. */
    private final io.opstate.core.backup.BackupKey archiveKey;
    private final ObservedMaintenance maintenance;
    private volatile MaintenanceRunner runner;

    private ValidatingDatastore(Datastore backend, int maxPayloadBytes, int maxEntryBytes,
                                io.opstate.core.backup.BackupKey archiveKey, ObservedMaintenance maintenance) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxEntryBytes = maxEntryBytes;
        this.archiveKey = archiveKey;
        this.maintenance = maintenance;
    }

    /**
     * Wraps {@code backend} so every call is checked first; JSON and error details are limited
     * to {@link PersistenceConfig#maxPayloadBytes()}, transcript entries to
     * {@link Settings#MAX_ENTRY_BYTES}. The result owns the backend: closing it
     * closes the backend.
     *
     * <p>With {@link Settings#MAINTENANCE_ENABLED} on, the result also runs the maintenance tasks in
     * the background ({@link MaintenanceRunner}) through the leases the backend offers by
     * {@link Datastore#unwrap}({@link TaskLeases}), until it is closed.
     *
     * @throws InvalidInputException naming {@code opstate.maintenance.enabled} when it is on and the
     *     backend keeps no maintenance leases (the backend is then closed)
     */
    public static Datastore wrap(Datastore backend, PersistenceConfig config) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(config, "config");
        ValidatingDatastore store = new ValidatingDatastore(backend, config.maxPayloadBytes(),
                config.get(Settings.MAX_ENTRY_BYTES).orElseThrow(),
                io.opstate.core.backup.BackupKey.configured(config).orElse(null), new ObservedMaintenance(backend::maintenance,
                        config.get(Settings.MAINTENANCE_VACUUM).orElseThrow(), config.clock()));
        // Every maintenance run, by hand or in the background, reaches the configured observer (metrics).
        io.opstate.operations.StoreObserver observer = config.observer();
        store.maintenance.addListener(run -> observer.maintenanceTaskFinished(run.task(), !run.failing(), run.took()));
        if (config.get(Settings.MAINTENANCE_ENABLED).orElseThrow()) {
            Optional<TaskLeases> leases = backend.unwrap(TaskLeases.class);
            if (leases.isEmpty()) {
                backend.close();
                throw new InvalidInputException(Settings.MAINTENANCE_ENABLED.property(), "the "
                        + backend.backendName() + " backend cannot run maintenance in the background: it keeps no"
                        + " maintenance leases");
            }
            store.runner = MaintenanceRunner.start(store, leases.get(), MaintenanceTasks.from(config), config.clock());
        }
        return store;
    }

    @Override
    public JobRepository jobs() {
        return new ValidatingJobRepository(backend.jobs(), maxPayloadBytes);
    }

    @Override
    public PipelineRepository pipelines() {
        return new ValidatingPipelineRepository(backend.pipelines(), maxPayloadBytes);
    }

    @Override
    public ScheduleRepository schedules() {
        return new ValidatingScheduleRepository(backend.schedules());
    }

    @Override
    public ExecutionRepository executions() {
        return new ValidatingExecutionRepository(backend.executions(), maxPayloadBytes);
    }

    @Override
    public HistoryRepository history() {
        return new ValidatingHistoryRepository(backend.history(), maxPayloadBytes);
    }

    @Override
    public ConstructRepository constructs() {
        return new ValidatingConstructRepository(backend.constructs(), maxPayloadBytes);
    }

    @Override
    public RecordImport records() {
        return new ValidatingRecordImport(backend.records(), maxPayloadBytes, maxEntryBytes);
    }

    @Override
    public SessionRepository sessions() {
        return new ValidatingSessionRepository(backend.sessions(), maxPayloadBytes);
    }

    @Override
    public TranscriptRepository transcripts() {
        return new ValidatingTranscriptRepository(backend.transcripts(), maxEntryBytes);
    }

    @Override
    public SearchRepository search() {
        return new ValidatingSearchRepository(backend.search());
    }

    @Override
    public ArtifactRepository artifacts() {
        return new ValidatingArtifactRepository(backend.artifacts(), maxPayloadBytes);
    }

    @Override
    public io.opstate.resources.ResourceRepository resources() {
        return new ValidatingResourceRepository(backend.resources(), maxPayloadBytes);
    }

    @Override
    public TokenRepository tokens() {
        return new ValidatingTokenRepository(backend.tokens());
    }

    @Override
    public PreferenceRepository preferences() {
        return new ValidatingPreferenceRepository(backend.preferences(), maxPayloadBytes);
    }

    /** The backend's maintenance, its arguments checked, its runs told to the listeners added here. */
    @Override
    public Maintenance maintenance() {
        backend.maintenance();
        return maintenance;
    }

    /** Export and import for every backend, implemented once over this checking store. */
    @Override
    public io.opstate.archives.Archives archives() {
        return new io.opstate.core.archives.CoreArchives(this, archiveKey);
    }

    /** Runs {@code work} in the backend's transaction, handing it a store that checks the same way. */
    @Override
    public <T> T inTransaction(TransactionalWork<T> work) {
        Checks.required("work", work);
        return backend.inTransaction(transaction -> work.execute(
                new ValidatingDatastore(transaction, maxPayloadBytes, maxEntryBytes, archiveKey, maintenance)));
    }

    /** Checks {@code action}, then runs it as every store does, through {@link #inTransaction}. */
    @Override
    public void useTransaction(TransactionalAction action) {
        Checks.required("action", action);
        Datastore.super.useTransaction(action);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return backend.unwrap(type);
    }

    @Override
    public String backendName() {
        return backend.backendName();
    }

    /** Stops the maintenance runner, if any, then closes the backend. */
    @Override
    public void close() {
        try {
            if (runner != null) {
                runner.close();
            }
        } finally {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "ValidatingDatastore[" + backend + "]";
    }
}
