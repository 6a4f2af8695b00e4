package io.opstate;

import io.opstate.archives.Archives;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.constructs.ConstructRepository;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.resources.ResourceRepository;
import io.opstate.imports.RecordImport;
import io.opstate.jobs.JobRepository;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.SessionRepository;
import io.opstate.preferences.PreferenceRepository;
import io.opstate.tokens.TokenRepository;
import io.opstate.transcripts.TranscriptRepository;
import java.util.Optional;

/**
 * An open store: one repository per aggregate, and transactions across them. Obtain one from
 * {@link Persistence#open}. Thread-safe: share one instance across the host application.
 * Repositories are cheap views; fetch them as often as you like. Closing releases connections,
 * pools and files; using the store after closing raises {@link StorageUnavailableException}.
 */
public interface Datastore extends AutoCloseable {
    /** Asynchronous jobs. */
    JobRepository jobs();

    /** Pipeline definitions. */
    PipelineRepository pipelines();

    /** Cron schedules of pipelines. */
    ScheduleRepository schedules();

    /** Pipeline execution history. */
    ExecutionRepository executions();

    /** The append-only event log. */
    HistoryRepository history();

    /** Agent constructs and the typed edges between them. */
    ConstructRepository constructs();

    /**
     * Writes existing records as they were (ids, statuses, times, attempts, results), for a
     * host's one-time migration of its own data or a store moved record by record. Validated
     * like every write, atomic per batch; see {@link RecordImport}.
     */
    RecordImport records();

    /** Sessions of constructs (an agent's runs) and their state checkpoints. */
    SessionRepository sessions();

    /** The transcripts of sessions. */
    TranscriptRepository transcripts();

    /** Full-text search across constructs, their metadata and their transcripts. */
    SearchRepository search();

    /** Large files of constructs, kept as verified, deduplicated blobs beside the database. */
    ArtifactRepository artifacts();

    /** Named records of kinds the host declares. */
    ResourceRepository resources();

    /** API tokens: secrets shown once, stored hashed, verified in constant time. */
    TokenRepository tokens();

    /** JSON documents by owner and key, with optimistic versions. */
    PreferenceRepository preferences();

    /** Health and other operational checks. */
    Maintenance maintenance();

    /**
     * Export of this store (whole, or chosen constructs with what belongs to them) into a
     * portable archive, and import of an archive written by any backend; see {@link Archives}.
     * Implemented once for every backend over this API by the checking store every provider
     * returns, so a backend's own store need not implement it.
     *
     * @throws UnsupportedOperationException on a backend's own, unwrapped store
     */
    default Archives archives() {
        throw new UnsupportedOperationException("archives are offered by the store Persistence.open returns, not by a"
                + " backend's own store");
    }

    /**
     * Runs {@code work} in one transaction: either everything it wrote through the given
     * {@link Datastore} is committed, or (when it throws) nothing is. The exception is rethrown
     * as is. A call made while already inside a transaction on the same thread joins it. Do not
     * use the outer store, or let the transactional one escape, inside the work.
     */
    <T> T inTransaction(TransactionalWork<T> work);

    /**
     * The backend's own view of this store of the given type, for tools built for that backend
     * (the {@code opstate} tool reaches the SQL side of a store this way to copy it whole). Hosts
     * need not call it. Empty when the backend offers no view of that type; never throws for
     * one it does not know.
     */
    <T> Optional<T> unwrap(Class<T> type);

    /**
     * Like {@link #inTransaction}, for work that returns nothing: either everything
     * {@code action} wrote through the given {@link Datastore} is committed, or (when it throws)
     * nothing is, and the exception is rethrown as is. A call made while already inside a
     * transaction on the same thread joins it. Do not use the outer store, or let the
     * transactional one escape, inside the action.
     *
     * <p>Named apart from {@code inTransaction} so that a lambda such as
     * {@code tx -> tx.jobs().create(job)} is never ambiguous between the two. Implemented here,
     * once, over {@link #inTransaction}, so backends need not implement it.
     */
    default void useTransaction(TransactionalAction action) {
        inTransaction(transaction -> {
            action.execute(transaction);
            return null;
        });
    }

    /** The name of the backend serving this store, e.g. {@code sqlite}. */
    String backendName();

    /** Releases every resource. Idempotent. */
    @Override
    void close();
}
