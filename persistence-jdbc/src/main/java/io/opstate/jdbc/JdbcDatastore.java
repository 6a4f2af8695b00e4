package io.opstate.jdbc;

import io.opstate.Datastore;
import io.opstate.Maintenance;
import io.opstate.Settings;
import io.opstate.TimeSource;
import io.opstate.TransactionalWork;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.constructs.ConstructRepository;
import io.opstate.core.FeedWatch;
import io.opstate.core.artifacts.BlobArtifactRepository;
import io.opstate.core.artifacts.BlobRoot;
import io.opstate.core.maintenance.TaskLeases;
import io.opstate.jdbc.internal.maintenance.JdbcTaskLeases;
import io.opstate.jdbc.internal.artifacts.DatabaseBlobs;
import io.opstate.jdbc.internal.artifacts.JdbcArtifactRows;
import io.opstate.core.archives.ArchiveSource;
import io.opstate.core.tokens.SecretTokenRepository;
import io.opstate.core.tokens.TokenSettings;
import io.opstate.jdbc.internal.tokens.JdbcTokenRows;
import io.opstate.jdbc.internal.preferences.JdbcPreferenceRepository;
import io.opstate.preferences.PreferenceRepository;
import io.opstate.tokens.TokenRepository;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.imports.RecordImport;
import io.opstate.jdbc.internal.CachedStatements;
import io.opstate.jdbc.internal.Database;
import io.opstate.jdbc.internal.InstantArgumentFactory;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.JdbcMaintenance;
import io.opstate.jdbc.internal.retention.JdbcRetention;
import io.opstate.jdbc.internal.PlainJdbc;
import io.opstate.jdbc.internal.RecordImports;
import io.opstate.jdbc.internal.StoreAccess;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.jdbc.internal.WriterConnections;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.jdbc.internal.constructs.JdbcConstructRepository;
import io.opstate.jdbc.internal.executions.JdbcExecutionRepository;
import io.opstate.jdbc.internal.history.JdbcHistoryRepository;
import io.opstate.jdbc.internal.jobs.JdbcJobRepository;
import io.opstate.jdbc.internal.pipelines.JdbcPipelineRepository;
import io.opstate.jdbc.internal.schedules.JdbcScheduleRepository;
import io.opstate.jdbc.internal.search.JdbcSearchRepository;
import io.opstate.jdbc.internal.search.SearchIndex;
import io.opstate.jdbc.internal.sessions.JdbcSessionRepository;
import io.opstate.jdbc.internal.sessions.SessionPurges;
import io.opstate.jdbc.internal.transcripts.JdbcTranscriptRepository;
import io.opstate.jobs.JobRepository;
import io.opstate.operations.StoreObserver;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.SessionRepository;
import io.opstate.transcripts.TranscriptRepository;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link Datastore} over a SQL database, shared by the SQL backends. The backend supplies
 * where writes and reads go, a {@link SqlDialect}, and the resources to release on close; the
 * schema must already be current ({@link SchemaMigrator}). Input is not checked here: providers
 * hand out this store wrapped by {@code io.opstate.core.ValidatingDatastore}.
 *
 * <p>Every write runs in its own transaction on the writer; reads run on the reader. Inside
 * {@link #inTransaction} every repository of this store, on the calling thread, uses that one
 * transaction (reads too, so the work sees its own writes); nested calls join it in a
 * savepoint. Constructs by id and the recent entries of transcripts may be answered from a cache
 * ({@link ReadCaching}); every write changing them drops them once committed. Thread-safe.
 */
public final class JdbcDatastore implements Datastore {
    private final String backendName;
    private final Database database;
    private final JobRepository jobs;
    private final PipelineRepository pipelines;
    private final ScheduleRepository schedules;
    private final ExecutionRepository executions;
    private final HistoryRepository history;
    private final ConstructRepository constructs;
    private final io.opstate.jdbc.internal.resources.JdbcResourceRepository resources;
    private final RecordImport records;
    private final SessionRepository sessions;
    private final TranscriptRepository transcripts;
    private final SearchRepository search;
    private final SessionPurges purges;
    private final ReadCache cache;
    private final Maintenance maintenance;
    private final ArtifactRepository artifacts;
    private final BlobRoot blobRoot;
    private final TokenRepository tokens;
    private final PreferenceRepository preferences;
    private final TaskLeases leases;
    /** What an export reads beyond the API: preference owners, token hashes, the pepper's fingerprint. */
    private final ArchiveSource archiveSource;

    private JdbcDatastore(String backendName, Database database, JdbcContext context, StorageProbe probe,
                          int checkpointsKept, ReadCache cache, BlobRoot blobRoot, ArtifactStorage artifactStorage,
                          TokenSettings tokenSettings, FeedWatch feedWatch) {
        this.backendName = backendName;
        this.database = database;
        this.jobs = new JdbcJobRepository(context);
        this.pipelines = new JdbcPipelineRepository(context);
        this.schedules = new JdbcScheduleRepository(context);
        this.executions = new JdbcExecutionRepository(context);
        this.history = new JdbcHistoryRepository(context);
        SearchIndex index = new SearchIndex(context.dialect(), context.time());
        this.purges = new SessionPurges(context, backendName, index);
        this.cache = cache;
        JdbcConstructRepository constructRepository = new JdbcConstructRepository(context, purges, index, cache);
        this.constructs = constructRepository;
        this.resources = new io.opstate.jdbc.internal.resources.JdbcResourceRepository(context, feedWatch);
        this.sessions = new JdbcSessionRepository(context, checkpointsKept, purges);
        this.transcripts = new JdbcTranscriptRepository(context, index, cache);
        this.search = new JdbcSearchRepository(context, index);
        JdbcArtifactRows artifactRows = new JdbcArtifactRows(context);
        this.blobRoot = blobRoot;
        DatabaseBlobs databaseBlobs = artifactStorage == ArtifactStorage.DATABASE ? new DatabaseBlobs(context) : null;
        BlobArtifactRepository blobArtifacts = new BlobArtifactRepository(artifactRows,
                databaseBlobs == null ? blobRoot : () -> databaseBlobs);
        this.artifacts = blobArtifacts;
        this.maintenance = new JdbcMaintenance(database, backendName, probe, artifacts,
                new JdbcRetention(context, purges, cache, artifactRows, constructRepository));
        this.leases = new JdbcTaskLeases(context);
        JdbcTokenRows tokenRows = new JdbcTokenRows(context);
        this.tokens = new SecretTokenRepository(tokenRows, tokenSettings.secrets(), tokenSettings.lastUsedInterval());
        JdbcPreferenceRepository preferenceRepository = new JdbcPreferenceRepository(context);
        this.preferences = preferenceRepository;
        this.records = new RecordImports(context, index, cache, resources, preferenceRepository, tokenRows,
                blobArtifacts);
        this.archiveSource = new ArchiveSource(preferenceRepository::owners, tokenRows, tokenSettings.secrets());
    }

    /**
     * Creates a store. Cheap: nothing is opened here beyond what the data sources already hold.
     *
     * @param backendName e.g. {@code sqlite}; shown in messages and {@link #backendName()}
     * @param writer runs every write and every transaction (SQLite: exactly one connection)
     * @param reader runs reads outside transactions; pass {@code writer} again when there is one pool
     * @param clock stamps every time the store writes ({@link TimeSource#HOST})
     * @param timeouts how long writes and transactions wait, each from its call
     * @param probe tells health checks where the store lives and how large it is
     * @param resources closed, once, by {@link #close()}: the pools, a temporary file
     */
    public static JdbcDatastore create(String backendName, SqlDialect dialect, DataSource writer, DataSource reader,
                                       Clock clock, WaitTimeouts timeouts, StorageProbe probe,
                                       AutoCloseable resources) {
        return create(backendName, dialect, writer, reader, clock, TimeSource.HOST, 1, timeouts, probe, resources);
    }

    /**
     * Creates a store whose times come from {@code timeSource}: {@link TimeSource#HOST} stamps
     * with {@code clock}; {@link TimeSource#DATABASE} with the server's clock
     * ({@link SqlDialect#databaseTime()}), and {@code clock} is then not used. A dialect without a
     * database clock treats {@code DATABASE} as {@code HOST}.
     *
     * <p>Single writes made at the same moment by different threads are committed together, in
     * one transaction per batch; {@code writeCommitters} says how many such batches may commit at
     * once: 1 for one writer connection, more where the writer pool has connections to spare and
     * the database commits them in parallel.
     *
     * <p>A single write waits for its turn to commit and for a writer connection at most
     * {@code timeouts.connection()} from its call, and for the database's write lock at most
     * {@code timeouts.lock()}; a write still queued then is withdrawn unwritten. The waits of a
     * transaction of the host ({@link #inTransaction}) are bounded the same way.
     */
    public static JdbcDatastore create(String backendName, SqlDialect dialect, DataSource writer, DataSource reader,
                                       Clock clock, TimeSource timeSource, int writeCommitters, WaitTimeouts timeouts,
                                       StorageProbe probe, AutoCloseable resources) {
        return create(backendName, dialect, writer, reader, clock, timeSource, writeCommitters, timeouts, probe,
                resources, Settings.CHECKPOINTS_KEPT.defaultValue().orElseThrow());
    }

    /**
     * Like {@link #create(String, SqlDialect, DataSource, DataSource, Clock, TimeSource, int,
     * WaitTimeouts, StorageProbe, AutoCloseable)}, keeping the newest {@code checkpointsKept} state
     * checkpoints of each session ({@link Settings#CHECKPOINTS_KEPT}) rather than the default number.
     */
    public static JdbcDatastore create(String backendName, SqlDialect dialect, DataSource writer, DataSource reader,
                                       Clock clock, TimeSource timeSource, int writeCommitters, WaitTimeouts timeouts,
                                       StorageProbe probe, AutoCloseable resources, int checkpointsKept) {
        return create(backendName, dialect, writer, reader, clock, timeSource, writeCommitters, timeouts, probe,
                resources, checkpointsKept, ReadCaching.off(), BlobRoot.temporary());
    }

    /**
     * Like {@link #create(String, SqlDialect, DataSource, DataSource, Clock, TimeSource, int,
     * WaitTimeouts, StorageProbe, AutoCloseable, int)}, caching constructs and recent transcript
     * entries as {@code caching} says and keeping artifact blobs under {@code blobRoot} (the
     * overloads without them cache nothing and use a temporary directory, deleted on close). The
     * store closes what {@code caching} holds and {@code blobRoot}.
     */
    public static JdbcDatastore create(String backendName, SqlDialect dialect, DataSource writer, DataSource reader,
                                       Clock clock, TimeSource timeSource, int writeCommitters, WaitTimeouts timeouts,
                                       StorageProbe probe, AutoCloseable resources, int checkpointsKept,
                                       ReadCaching caching, BlobRoot blobRoot) {
        return create(backendName, dialect, writer, reader, clock, timeSource, writeCommitters, timeouts, probe,
                resources, checkpointsKept, caching, blobRoot, ArtifactStorage.FILES, TokenSettings.defaults());
    }

    /**
     * Like {@link #create(String, SqlDialect, DataSource, DataSource, Clock, TimeSource, int,
     * WaitTimeouts, StorageProbe, AutoCloseable, int, ReadCaching, BlobRoot)}, keeping artifact
     * blobs where {@code artifactStorage} says: {@link ArtifactStorage#FILES} under
     * {@code blobRoot}, {@link ArtifactStorage#DATABASE} in the store's own tables
     * ({@code blobRoot} is then not used, and still closed); hashing token
     * secrets and moving their last-used times as {@code tokenSettings} says.
     */
    public static JdbcDatastore create(String backendName, SqlDialect dialect, DataSource writer, DataSource reader,
                                       Clock clock, TimeSource timeSource, int writeCommitters, WaitTimeouts timeouts,
                                       StorageProbe probe, AutoCloseable resources, int checkpointsKept,
                                       ReadCaching caching, BlobRoot blobRoot, ArtifactStorage artifactStorage,
                                       TokenSettings tokenSettings) {
        return create(backendName, dialect, writer, reader, clock, timeSource, writeCommitters, timeouts, probe,
                resources, checkpointsKept, caching, blobRoot, artifactStorage, tokenSettings, StoreObserver.NONE);
    }

    /**
     * Like {@link #create(String, SqlDialect, DataSource, DataSource, Clock, TimeSource, int,
     * WaitTimeouts, StorageProbe, AutoCloseable, int, ReadCaching, BlobRoot, ArtifactStorage,
     * TokenSettings)}, telling {@code observer} of every transaction of single writes that commits
     * ({@link StoreObserver#batchCommitted}).
     */
    public static JdbcDatastore create(String backendName, SqlDialect dialect, DataSource writer, DataSource reader,
                                       Clock clock, TimeSource timeSource, int writeCommitters, WaitTimeouts timeouts,
                                       StorageProbe probe, AutoCloseable resources, int checkpointsKept,
                                       ReadCaching caching, BlobRoot blobRoot, ArtifactStorage artifactStorage,
                                       TokenSettings tokenSettings, StoreObserver observer) {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(tokenSettings, "tokenSettings");
        Objects.requireNonNull(caching, "caching");
        Objects.requireNonNull(backendName, "backendName");
        Objects.requireNonNull(artifactStorage, "artifactStorage");
        Objects.requireNonNull(blobRoot, "blobRoot");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeSource, "timeSource");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(resources, "resources");
        if (checkpointsKept < 1) {
            throw new IllegalArgumentException("checkpointsKept must be at least 1, was " + checkpointsKept);
        }
        if (writeCommitters < 1) {
            throw new IllegalArgumentException("writeCommitters must be at least 1, was " + writeCommitters);
        }
        StoreTime time = StoreTime.of(timeSource, clock, dialect);
        CachedStatements statements = dialect.reusesPreparedStatements() ? new CachedStatements() : null;
        WriterConnections writerConnections = new WriterConnections(Objects.requireNonNull(writer, "writer"));
        Jdbi writerJdbi = jdbi(Jdbi.create(writerConnections), dialect, time, statements);
        Jdbi readerJdbi = reader == writer ? writerJdbi
                : jdbi(Jdbi.create(Objects.requireNonNull(reader, "reader")), dialect, time, statements);
        AutoCloseable closing = statements == null ? resources : statements.closingBefore(resources);
        Database database = new Database(writerJdbi, writerConnections, readerJdbi, reader, dialect, backendName,
                probe.location(), closing, writeCommitters, timeouts, observer);
        ReadCache cache = ReadCache.create(caching.maxBytes(), caching.recentEntries(), caching.freshness(), database);
        JdbcDatastore store = new JdbcDatastore(backendName, database,
                new JdbcContext(database, dialect, time, new PlainJdbc(dialect)), probe, checkpointsKept, cache,
                blobRoot, artifactStorage, tokenSettings, dialect.feedWatch(reader, backendName));
        // A purge cut short by a crash or a close resumes now, without delaying the open.
        store.purges.resumeInBackground();
        return store;
    }

    /** {@code jdbi} set up for the store, with {@code statements} (null: none) keeping prepared statements for reuse. */
    private static Jdbi jdbi(Jdbi created, SqlDialect dialect, StoreTime time, CachedStatements statements) {
        Jdbi jdbi = time.define(created.registerArgument(new InstantArgumentFactory(dialect)));
        if (statements != null) {
            jdbi.setStatementBuilderFactory(statements);
        }
        return jdbi;
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
    public io.opstate.resources.ResourceRepository resources() {
        return resources;
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
    public TokenRepository tokens() {
        return tokens;
    }

    @Override
    public PreferenceRepository preferences() {
        return preferences;
    }

    @Override
    public Maintenance maintenance() {
        database.ensureOpen();
        return maintenance;
    }

    /**
     * Runs {@code work} in one transaction on the writer, handing it this store: every
     * repository call the work makes on this thread takes part. What the work throws is rethrown
     * unchanged after rollback.
     */
    @Override
    public <T> T inTransaction(TransactionalWork<T> work) {
        if (database.inTransaction()) {
            return database.inTransaction(() -> work.execute(this));
        }
        try {
            return database.inTransaction(() -> work.execute(this));
        } finally {
            // Cached values the work changed are dropped only now that it has committed (or rolled
            // back): a reader that loaded one before the commit cannot leave it behind.
            cache.afterTransaction();
            // Followers are woken only now that the work's resource writes are visible.
            resources.afterTransaction();
            // Rows of constructs the work deleted are purged only once the delete has committed.
            purges.afterTransaction();
        }
    }

    /**
     * Offers {@link StoreAccess}: raw access for tools that copy the store whole; and the
     * {@link TaskLeases} of the background maintenance runner.
     */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == StoreAccess.class) {
            return Optional.of(type.cast(new StoreAccess(backendName, database)));
        }
        if (type == ArchiveSource.class) {
            return Optional.of(type.cast(archiveSource));
        }
        return type == TaskLeases.class ? Optional.of(type.cast(leases)) : Optional.empty();
    }

    @Override
    public String backendName() {
        return backendName;
    }

    @Override
    public void close() {
        try {
            resources.close();
            purges.close();
            cache.close();
        } finally {
            try {
                database.close();
            } finally {
                blobRoot.close();
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcDatastore[" + backendName + "]";
    }
}
