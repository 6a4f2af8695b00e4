package io.opstate.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.opstate.Datastore;
import io.opstate.Maintenance;
import io.opstate.TransactionalWork;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.constructs.ConstructRepository;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.imports.RecordImport;
import io.opstate.jobs.JobRepository;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.preferences.PreferenceRepository;
import io.opstate.resources.ResourceRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.SessionRepository;
import io.opstate.tokens.TokenRepository;
import io.opstate.transcripts.TranscriptRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Datastore} whose repositories time every call ({@link TimedCalls}), inside transactions
 * too; a whole transaction is timed as operation {@code inTransaction} of repository
 * {@code datastore}. Each repository is wrapped once, so handing them out costs nothing more; the
 * timers are registered once per store, a transaction's wrappers share them.
 * Closing closes the store and then runs {@code onClose}. Thread-safe.
 */
final class TimedDatastore implements Datastore {
    private final Datastore store;
    private final Runnable onClose;
    private final JobRepository jobs;
    private final PipelineRepository pipelines;
    private final ScheduleRepository schedules;
    private final ExecutionRepository executions;
    private final HistoryRepository history;
    private final ConstructRepository constructs;
    private final RecordImport records;
    private final SessionRepository sessions;
    private final TranscriptRepository transcripts;
    private final SearchRepository search;
    private final ArtifactRepository artifacts;
    private final ResourceRepository resources;
    private final TokenRepository tokens;
    private final PreferenceRepository preferences;
    private final Maintenance maintenance;
    private final Transactions transactions;

    /** Each repository's type and the name its timers carry as tag {@code repository}. */
    private static final Map<Class<?>, String> REPOSITORIES = Map.ofEntries(
            Map.entry(JobRepository.class, "jobs"),
            Map.entry(PipelineRepository.class, "pipelines"),
            Map.entry(ScheduleRepository.class, "schedules"),
            Map.entry(ExecutionRepository.class, "executions"),
            Map.entry(HistoryRepository.class, "history"),
            Map.entry(ConstructRepository.class, "constructs"),
            Map.entry(RecordImport.class, "records"),
            Map.entry(SessionRepository.class, "sessions"),
            Map.entry(TranscriptRepository.class, "transcripts"),
            Map.entry(SearchRepository.class, "search"),
            Map.entry(ArtifactRepository.class, "artifacts"),
            Map.entry(ResourceRepository.class, "resources"),
            Map.entry(TokenRepository.class, "tokens"),
            Map.entry(PreferenceRepository.class, "preferences"),
            Map.entry(Maintenance.class, "maintenance"),
            Map.entry(Transactions.class, "datastore"));

    private TimedDatastore(Datastore store, Map<Class<?>, TimedCalls.Timers> meters, Runnable onClose) {
        this.store = store;
        this.onClose = onClose;
        this.jobs = timed(store.jobs(), JobRepository.class, meters);
        this.pipelines = timed(store.pipelines(), PipelineRepository.class, meters);
        this.schedules = timed(store.schedules(), ScheduleRepository.class, meters);
        this.executions = timed(store.executions(), ExecutionRepository.class, meters);
        this.history = timed(store.history(), HistoryRepository.class, meters);
        this.constructs = timed(store.constructs(), ConstructRepository.class, meters);
        this.records = timed(store.records(), RecordImport.class, meters);
        this.sessions = timed(store.sessions(), SessionRepository.class, meters);
        this.transcripts = timed(store.transcripts(), TranscriptRepository.class, meters);
        this.search = timed(store.search(), SearchRepository.class, meters);
        this.artifacts = timed(store.artifacts(), ArtifactRepository.class, meters);
        this.resources = timed(store.resources(), ResourceRepository.class, meters);
        this.tokens = timed(store.tokens(), TokenRepository.class, meters);
        this.preferences = timed(store.preferences(), PreferenceRepository.class, meters);
        this.maintenance = timed(store.maintenance(), Maintenance.class, meters);
        this.transactions = timed(new Transactions() {
            @Override
            public <T> T inTransaction(TransactionalWork<T> work) {
                return store.inTransaction(transaction -> work.execute(new TimedDatastore(transaction, meters, () -> { })));
            }
        }, Transactions.class, meters);
    }

    /** {@code store} timed; closing the result closes {@code store}, then runs {@code onClose}. */
    static Datastore wrap(Datastore store, MeterRegistry registry, Tags tags, Runnable onClose) {
        Map<Class<?>, TimedCalls.Timers> meters = new HashMap<>();
        REPOSITORIES.forEach((type, name) -> meters.put(type, new TimedCalls.Timers(type, name, registry, tags)));
        return new TimedDatastore(store, Map.copyOf(meters), onClose);
    }

    private static <T> T timed(T repository, Class<T> type, Map<Class<?>, TimedCalls.Timers> meters) {
        return TimedCalls.wrap(repository, type, meters.get(type));
    }

    /** The one call of a store that is not a repository's, timed like one. */
    interface Transactions {
        <T> T inTransaction(TransactionalWork<T> work);
    }

    @Override
    public JobRepository jobs() {
        return jobs;
    }

    @Override
    public PipelineRepository pipelines() {
        return pipelines;
    }

    @Override
    public ScheduleRepository schedules() {
        return schedules;
    }

    @Override
    public ExecutionRepository executions() {
        return executions;
    }

    @Override
    public HistoryRepository history() {
        return history;
    }

    @Override
    public ConstructRepository constructs() {
        return constructs;
    }

    @Override
    public RecordImport records() {
        return records;
    }

    @Override
    public SessionRepository sessions() {
        return sessions;
    }

    @Override
    public TranscriptRepository transcripts() {
        return transcripts;
    }

    @Override
    public SearchRepository search() {
        return search;
    }

    @Override
    public ArtifactRepository artifacts() {
        return artifacts;
    }

    @Override
    public ResourceRepository resources() {
        return resources;
    }

    @Override
    public TokenRepository tokens() {
        return tokens;
    }

    @Override
    public PreferenceRepository preferences() {
        return preferences;
    }

    @Override
    public Maintenance maintenance() {
        return maintenance;
    }

    @Override
    public <T> T inTransaction(TransactionalWork<T> work) {
        return transactions.inTransaction(work);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return store.unwrap(type);
    }

    @Override
    public String backendName() {
        return store.backendName();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "TimedDatastore[" + store + "]";
    }
}
