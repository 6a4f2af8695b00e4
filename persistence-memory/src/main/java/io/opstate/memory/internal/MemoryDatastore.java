package io.opstate.memory.internal;

import io.opstate.Datastore;
import io.opstate.core.maintenance.TaskLeases;
import io.opstate.Maintenance;
import io.opstate.TransactionalWork;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.core.artifacts.BlobArtifactRepository;
import io.opstate.core.artifacts.BlobRoot;
import io.opstate.core.archives.ArchiveSource;
import io.opstate.core.tokens.SecretTokenRepository;
import io.opstate.core.tokens.TokenSettings;
import io.opstate.preferences.PreferenceRepository;
import io.opstate.tokens.TokenRepository;
import io.opstate.constructs.ConstructRepository;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.imports.RecordImport;
import io.opstate.jobs.JobRepository;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.SessionRepository;
import io.opstate.transcripts.TranscriptRepository;
import java.util.Optional;
import java.time.Clock;

/**
 * One open handle on an in-memory store, as the backend sees it (the provider wraps it in the
 * validating layer before a host gets it). Thread-safe. Transactions hold the store's write
 * lock for their whole duration; work joining on the same thread, through this or any other
 * handle on the store, becomes part of it.
 */
public final class MemoryDatastore implements Datastore {
    static final String BACKEND_NAME = "memory";

    private final Session session;
    private final Runnable onClose;
    private final JobRepository jobs;
    private final PipelineRepository pipelines;
    private final ScheduleRepository schedules;
    private final ExecutionRepository executions;
    private final HistoryRepository history;
    private final ConstructRepository constructs;
    private final io.opstate.resources.ResourceRepository resources;
    private final RecordImport records;
    private final SessionRepository sessions;
    private final TranscriptRepository transcripts;
    private final SearchRepository search;
    private final ArtifactRepository artifacts;
    private final TokenRepository tokens;
    private final PreferenceRepository preferences;
    private final Maintenance maintenance;
    private final TaskLeases leases;
    /** What an export reads beyond the API: preference owners, token hashes, the pepper's fingerprint. */
    private final ArchiveSource archiveSource;

    /**
     * @param checkpointsKept how many state checkpoints of a session are kept, the newest
     * @param artifactRoot where artifact blobs go, or null for the store's own temporary directory
     * @param tokenSettings how token secrets are hashed and last-used times moved
     */
    MemoryDatastore(MemoryStore store, Clock clock, String description, Runnable onClose, int checkpointsKept,
                    String artifactRoot, TokenSettings tokenSettings) {
        this.session = new Session(store, clock, description);
        this.onClose = onClose;
        this.jobs = new MemoryJobRepository(session);
        this.pipelines = new MemoryPipelineRepository(session);
        this.schedules = new MemoryScheduleRepository(session);
        this.executions = new MemoryExecutionRepository(session);
        this.history = new MemoryHistoryRepository(session);
        this.constructs = new MemoryConstructRepository(session);
        this.resources = new MemoryResourceRepository(session);
        this.sessions = new MemorySessionRepository(session, checkpointsKept);
        this.transcripts = new MemoryTranscriptRepository(session);
        this.search = new MemorySearchRepository(session);
        BlobArtifactRepository blobArtifacts = new BlobArtifactRepository(new MemoryArtifactRows(session),
                artifactRoot == null ? store.temporaryBlobs : BlobRoot.configured(artifactRoot));
        MemoryTokenRows tokenRows = new MemoryTokenRows(session);
        this.tokens = new SecretTokenRepository(tokenRows, tokenSettings.secrets(), tokenSettings.lastUsedInterval());
        this.archiveSource = new ArchiveSource(() -> session.read(memory -> memory.preferences
                .select(preference -> true).stream().map(io.opstate.preferences.Preference::owner).distinct()
                .toList()), tokenRows, tokenSettings.secrets());
        this.artifacts = blobArtifacts;
        this.records = new MemoryRecordImport(session, blobArtifacts);
        this.preferences = new MemoryPreferenceRepository(session);
        this.maintenance = new MemoryMaintenance(session, artifacts, new MemoryRetention(session));
        this.leases = store.leases;
    }

    /**
     * A new store of its own, dropped when this handle is closed.
     *
     * @param checkpointsKept how many state checkpoints of a session are kept, the newest
     * @param artifactRoot where artifact blobs go, or null for a temporary directory deleted with the store
     * @param tokenSettings how token secrets are hashed and last-used times moved
     */
    public static MemoryDatastore openPrivate(Clock clock, int checkpointsKept, String artifactRoot,
                                              TokenSettings tokenSettings) {
        MemoryStore store = new MemoryStore();
        return new MemoryDatastore(store, clock, "private memory store", store.temporaryBlobs::close, checkpointsKept,
                artifactRoot, tokenSettings);
    }

    @Override
    public JobRepository jobs() {
        session.ensureOpen();
        return jobs;
    }

    @Override
    public PipelineRepository pipelines() {
        session.ensureOpen();
        return pipelines;
    }

    @Override
    public ScheduleRepository schedules() {
        session.ensureOpen();
        return schedules;
    }

    @Override
    public ExecutionRepository executions() {
        session.ensureOpen();
        return executions;
    }

    @Override
    public HistoryRepository history() {
        session.ensureOpen();
        return history;
    }

    @Override
    public ConstructRepository constructs() {
        session.ensureOpen();
        return constructs;
    }

    @Override
    public io.opstate.resources.ResourceRepository resources() {
        session.ensureOpen();
        return resources;
    }

    @Override
    public RecordImport records() {
        session.ensureOpen();
        return records;
    }

    @Override
    public SessionRepository sessions() {
        session.ensureOpen();
        return sessions;
    }

    @Override
    public TranscriptRepository transcripts() {
        session.ensureOpen();
        return transcripts;
    }

    @Override
    public SearchRepository search() {
        session.ensureOpen();
        return search;
    }

    @Override
    public ArtifactRepository artifacts() {
        session.ensureOpen();
        return artifacts;
    }

    @Override
    public TokenRepository tokens() {
        session.ensureOpen();
        return tokens;
    }

    @Override
    public PreferenceRepository preferences() {
        session.ensureOpen();
        return preferences;
    }

    /** Always reachable while open; no schema and no size to report. */
    @Override
    public Maintenance maintenance() {
        session.ensureOpen();
        return maintenance;
    }

    @Override
    public <T> T inTransaction(TransactionalWork<T> work) {
        return session.write(store -> work.execute(this));
    }

    /** Offers the {@link TaskLeases} of the background maintenance runner, shared by every handle on the store. */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == ArchiveSource.class) {
            return Optional.of(type.cast(archiveSource));
        }
        return type == TaskLeases.class ? Optional.of(type.cast(leases)) : Optional.empty();
    }

    @Override
    public String backendName() {
        return BACKEND_NAME;
    }

    @Override
    public void close() {
        if (session.close()) {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
