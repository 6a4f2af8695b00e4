package io.opstate.examples.synthetic;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.StaleVersionException;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.NewConstruct;
import io.opstate.constructs.TimelineBucket;
import io.opstate.history.NewHistoryEvent;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link SyntheticStore} on an OpState {@link Datastore}: every method is one or two calls of the
 * store, which owns the schema, the files, the indexes and the transactions.
 */
public final class OpStateSyntheticStore implements SyntheticStore {
    /** A construct's status until it is provisioned. */
    public static final String PROVISIONING = "provisioning";
    /** A session's status while its agent runs. */
    public static final String RUNNING = "running";
    private static final int STATUS_ATTEMPTS = 5;

    private final Datastore store;

    public OpStateSyntheticStore(Datastore store) {
        this.store = store;
    }

    @Override
    public Construct createConstruct(String type, String title, String metadataJson) {
        return store.constructs().create(NewConstruct.of(type, PROVISIONING).withTitle(title)
                .withMetadata(metadataJson));
    }

    /** Status changes of one construct come from several components; the last one wins, none is lost unseen. */
    @Override
    public Construct setStatus(String constructId, String status) {
        for (int attempt = 1; ; attempt++) {
            Construct current = store.constructs().get(constructId);
            try {
                return store.constructs().update(constructId, current.version(),
                        ConstructChanges.none().withStatus(status));
            } catch (StaleVersionException e) {
                if (attempt == STATUS_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<Construct> construct(String constructId) {
        return store.constructs().find(constructId);
    }

    @Override
    public Page<Construct> listConstructs(ConstructQuery filter, PageRequest page) {
        return store.constructs().list(filter, page);
    }

    @Override
    public Map<String, Long> countByStatus(ConstructQuery filter) {
        return store.constructs().countByStatus(filter);
    }

    @Override
    public ConstructLink relate(String fromId, String relation, String toId, String metadataJson) {
        return store.constructs().link(fromId, relation, toId, metadataJson);
    }

    @Override
    public List<ConstructLink> relationships(String constructId) {
        List<ConstructLink> links = new ArrayList<>(store.constructs().outgoing(constructId, null));
        links.addAll(store.constructs().incoming(constructId, null));
        return links;
    }

    @Override
    public Session startSession(String constructId) {
        return store.sessions().create(NewSession.of(constructId, RUNNING));
    }

    @Override
    public Checkpoint saveSessionState(String sessionId, long expectedVersion, String stateJson) {
        return store.sessions().saveState(sessionId, expectedVersion, stateJson);
    }

    @Override
    public Optional<Checkpoint> sessionState(String sessionId) {
        return store.sessions().latestState(sessionId);
    }

    @Override
    public Session endSession(String sessionId, String status, String metricsJson) {
        Session session = store.sessions().get(sessionId);
        return store.sessions().update(sessionId, session.version(), SessionChanges.none().withStatus(status)
                .withEndedAt(Instant.now()).withMetrics(metricsJson));
    }

    @Override
    public List<Session> sessions(String constructId) {
        try (Stream<Session> sessions = store.sessions().stream(constructId, SortOrder.OLDEST_FIRST)) {
            return sessions.toList();
        }
    }

    @Override
    public List<TranscriptEntry> appendTranscript(String sessionId, List<NewTranscriptEntry> chunk) {
        return store.transcripts().appendAll(sessionId, chunk);
    }

    @Override
    public List<TranscriptEntry> transcriptChunk(String sessionId, long afterSequence, int limit) {
        return store.transcripts().read(sessionId, afterSequence, limit);
    }

    @Override
    public List<TranscriptEntry> recentTranscript(String sessionId, int count) {
        return store.transcripts().last(sessionId, count);
    }

    @Override
    public Stream<TranscriptEntry> streamTranscript(String sessionId) {
        return store.transcripts().stream(sessionId);
    }

    @Override
    public long transcriptLength(String sessionId) {
        return store.transcripts().count(sessionId);
    }

    @Override
    public Artifact storeArtifact(NewArtifact artifact, InputStream content) {
        return store.artifacts().put(artifact, content);
    }

    @Override
    public ServedArtifact serveArtifact(String artifactId) {
        Artifact artifact = store.artifacts().get(artifactId);
        return new ServedArtifact(artifact.name(), artifact.contentType(), artifact.size(),
                store.artifacts().open(artifactId));
    }

    @Override
    public ServedArtifact serveArtifactRange(String artifactId, long offset, long length) {
        Artifact artifact = store.artifacts().get(artifactId);
        InputStream content = store.artifacts().open(artifactId, offset, length);
        return new ServedArtifact(artifact.name(), artifact.contentType(),
                Math.min(length, artifact.size() - offset), content);
    }

    @Override
    public List<Artifact> artifacts(String constructId, String type) {
        List<Artifact> artifacts = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Artifact> page = store.artifacts().list(constructId, type, request);
            artifacts.addAll(page.items());
            if (!page.hasMore()) {
                return artifacts;
            }
            request = request.after(page.nextCursor());
        }
    }

    @Override
    public void recordEvent(String constructId, String event, String dataJson) {
        store.history().append(NewHistoryEvent.of(event).withSubjectId(constructId).withMetadata(dataJson));
    }

    @Override
    public List<TimelineBucket> activity(String constructId, Instant from, Instant before, Duration bucket) {
        return store.constructs().timelineCounts(constructId, from, before, bucket);
    }

    @Override
    public Page<SearchHit> search(SearchQuery query, PageRequest page) {
        return store.search().search(query, page);
    }

    @Override
    public StorageUsage storageUsage(String constructId) {
        List<Session> sessions = sessions(constructId);
        long entries = sessions.stream().mapToLong(Session::lastSequence).sum();
        return new StorageUsage(constructId, sessions.size(), entries, store.artifacts().usageByType(constructId),
                store.artifacts().usage(constructId));
    }

    @Override
    public ArtifactUsage totalArtifactUsage() {
        return store.artifacts().totals();
    }

    @Override
    public boolean deleteArtifact(String artifactId) {
        return store.artifacts().delete(artifactId);
    }

    @Override
    public boolean deleteConstruct(String constructId) {
        return store.constructs().delete(constructId);
    }

    @Override
    public ExportReport exportConstructs(List<String> constructIds, Path to) {
        return store.archives().export(to, ExportSelection.constructs(constructIds), ProgressListener.NONE,
                Cancellation.none());
    }

    @Override
    public ImportReport importArchive(Path from, ConflictPolicy policy) {
        return store.archives().importArchive(from, ImportOptions.of(policy), ProgressListener.NONE,
                Cancellation.none());
    }

    @Override
    public ImportReport previewImport(Path from, ConflictPolicy policy) {
        return store.archives().importArchive(from, ImportOptions.dryRun(policy), ProgressListener.NONE,
                Cancellation.none());
    }

    @Override
    public IntegrityReport checkIntegrity() {
        return new IntegrityReport(store.maintenance().health(),
                store.artifacts().checkIntegrity(ArtifactCheck.full()));
    }

    @Override
    public void close() {
        store.close();
    }
}
