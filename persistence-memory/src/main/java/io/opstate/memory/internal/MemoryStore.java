package io.opstate.memory.internal;

import io.opstate.artifacts.Artifact;
import io.opstate.constructs.Construct;
import io.opstate.core.artifacts.BlobRoot;
import io.opstate.constructs.ConstructLink;
import io.opstate.executions.Execution;
import io.opstate.history.HistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import io.opstate.transcripts.TranscriptEntry;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The data of one in-memory store: a table per aggregate with its indexes, the search index, the
 * history sequence and the claim-token sequence, and the lock and undo log that make every write atomic. Shared by all
 * {@link MemoryDatastore}s opened on the same name.
 *
 * <p>Thread-safe through one store-wide read-write lock: reads run under the read lock,
 * writes and whole transactions under the write lock, so a transaction sees no other writer
 * and no reader sees it half done. A write nested in another on the same thread joins it; if
 * the nested write fails, its own changes are undone and the outer write decides about the
 * rest.
 */
final class MemoryStore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The background maintenance leases of every handle on this store. */
    final MemoryTaskLeases leases = new MemoryTaskLeases();
    private final UndoLog undo = new UndoLog();

    final SortedIndex<String, Job> jobsByCreation =
            new SortedIndex<>(KeyType.TEXT, job -> new Position<>(job.createdAt(), job.id()));
    final ClaimIndex claimableJobs = new ClaimIndex();
    final UnfinishedDedupKeys unfinishedDedupKeys = new UnfinishedDedupKeys();
    final Table<String, Job> jobs =
            new Table<>("job", Job::id, undo, List.of(jobsByCreation, claimableJobs, unfinishedDedupKeys));

    final SortedIndex<String, Pipeline> pipelinesByCreation =
            new SortedIndex<>(KeyType.TEXT, pipeline -> new Position<>(pipeline.createdAt(), pipeline.name()));
    final Table<String, Pipeline> pipelines =
            new Table<>("pipeline", Pipeline::name, undo, List.of(pipelinesByCreation));

    final SortedIndex<String, Schedule> schedulesByCreation =
            new SortedIndex<>(KeyType.TEXT, schedule -> new Position<>(schedule.createdAt(), schedule.id()));
    final SortedIndex<String, Schedule> schedulesByNextRun = new SortedIndex<>(KeyType.TEXT,
            schedule -> schedule.enabled() && schedule.nextRunAt() != null
                    ? new Position<>(schedule.nextRunAt(), schedule.id())
                    : null);
    final Table<String, Schedule> schedules =
            new Table<>("schedule", Schedule::id, undo, List.of(schedulesByCreation, schedulesByNextRun));

    final SortedIndex<String, Execution> executionsByStart =
            new SortedIndex<>(KeyType.TEXT, execution -> new Position<>(execution.startedAt(), execution.id()));
    final Table<String, Execution> executions =
            new Table<>("execution", Execution::id, undo, List.of(executionsByStart));

    final SortedIndex<Long, HistoryEvent> historyByTime =
            new SortedIndex<>(KeyType.SEQUENCE, event -> new Position<>(event.occurredAt(), event.id()));
    final Table<Long, HistoryEvent> history =
            new Table<>("history event", HistoryEvent::id, undo, List.of(historyByTime));
    final Sequence historySequence = new Sequence(undo);

    final SortedIndex<String, Construct> constructsByCreation =
            new SortedIndex<>(KeyType.TEXT, construct -> new Position<>(construct.createdAt(), construct.id()));
    /** The words of constructs' titles and metadata and of transcript entries, for search. */
    final SearchIndex searchIndex = new SearchIndex();
    final Table<String, Construct> constructs = new Table<>("construct", Construct::id, undo,
            List.of(constructsByCreation, new ConstructTexts(searchIndex)));
    final Table<MemoryConstructRepository.LinkKey, ConstructLink> constructLinks =
            new Table<>("construct link", MemoryConstructRepository.LinkKey::of, undo, List.of());
    /** Every claim's fencing token, so that a token names one claim of one job. */
    final Sequence claimTokens = new Sequence(undo);

    final SortedIndex<String, io.opstate.sessions.Session> sessionsByStart = new SortedIndex<>(KeyType.TEXT,
            session -> new Position<>(session.startedAt(), session.id()));
    final Table<String, io.opstate.sessions.Session> sessions =
            new Table<>("session", io.opstate.sessions.Session::id, undo, List.of(sessionsByStart));
    /** The checkpoints and transcripts of the sessions above. */
    final SessionLogs sessionLogs = new SessionLogs(undo, searchIndex);

    /**
     * Builds the search index again from the constructs and entries; returns how many texts it
     * read. Call under the write lock. Undone by building it again from the tables as they are
     * then, so a failure half way, or the rollback of an enclosing transaction, leaves it whole.
     */
    long reindexSearch() {
        undo.record(this::reindexSearchNow);
        return reindexSearchNow();
    }

    private long reindexSearchNow() {
        searchIndex.clear();
        long texts = 0;
        for (Construct construct : constructs.select(construct -> true)) {
            searchIndex.put(TextKey.construct(construct.id()), ConstructTexts.text(construct));
            texts++;
        }
        for (String sessionId : sessionLogs.sessionsWithEntries()) {
            for (TranscriptEntry entry : sessionLogs.entries(sessionId)) {
                searchIndex.put(TextKey.entry(sessionId, entry.sequence()), SessionLogs.text(entry));
                texts++;
            }
        }
        return texts;
    }

    final Table<String, io.opstate.resources.ResourceKind> resourceKinds =
            new Table<>("resource kind", io.opstate.resources.ResourceKind::name, undo, List.of());
    final SortedIndex<String, io.opstate.resources.Resource> resourcesByCreation =
            new SortedIndex<>(KeyType.TEXT, resource -> new Position<>(resource.createdAt(), resource.id()));
    final ResourceNames resourceNames = new ResourceNames();
    final ResourceChangeLog resourceChangeLog = new ResourceChangeLog();
    final Table<Long, io.opstate.resources.ResourceChange> resourceChanges = new Table<>("resource change",
            io.opstate.resources.ResourceChange::position, undo, List.of(resourceChangeLog));
    /** Wakes followers of the resource change feed; shared by every datastore opened on this store. */
    final io.opstate.core.ResourceFeedWaiter resourceFeedWaiter = new io.opstate.core.ResourceFeedWaiter();
    final Table<String, io.opstate.resources.Resource> resources = new Table<>("resource",
            io.opstate.resources.Resource::id, undo, List.of(resourcesByCreation, resourceNames));

    final SortedIndex<String, Artifact> artifactsByCreation =
            new SortedIndex<>(KeyType.TEXT, artifact -> new Position<>(artifact.createdAt(), artifact.id()));
    final Table<String, Artifact> artifacts =
            new Table<>("artifact", Artifact::id, undo, List.of(artifactsByCreation));
    /** Where artifact blobs go when the host configured no root: a temporary directory, deleted with the store. */
    final BlobRoot temporaryBlobs = BlobRoot.temporary();

    final SortedIndex<String, MemoryTokenRows.Row> tokensByCreation =
            new SortedIndex<>(KeyType.TEXT, row -> new Position<>(row.token().createdAt(), row.id()));
    final Table<String, MemoryTokenRows.Row> tokens =
            new Table<>("token", MemoryTokenRows.Row::id, undo, List.of(tokensByCreation));

    final MemoryPreferenceRepository.ByOwner preferencesByOwner = new MemoryPreferenceRepository.ByOwner();
    final Table<MemoryPreferenceRepository.Key, io.opstate.preferences.Preference> preferences = new Table<>(
            "preference", MemoryPreferenceRepository.Key::of, undo, List.of(preferencesByOwner));

    /** Runs {@code read} under the read lock. */
    <T> T read(Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code write} under the write lock, all or nothing: when it throws, every change it
     * made is undone and the exception is rethrown as is.
     */
    <T> T write(Supplier<T> write) {
        lock.writeLock().lock();
        int mark = undo.mark();
        try {
            T result = write.get();
            if (lock.getWriteHoldCount() == 1) {
                undo.clear();
            }
            return result;
        } catch (Throwable failure) {
            undo.rollbackTo(mark);
            throw failure;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
