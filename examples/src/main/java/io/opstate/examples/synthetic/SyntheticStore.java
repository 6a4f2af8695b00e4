package io.opstate.examples.synthetic;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.TimelineBucket;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Synthetic's persistence layer (seed 004, "Persistence Layer"), one method per access pattern its
 * plan names: construct queries, relationships, the sessions and transcripts of the agent
 * orchestration engine, artifact serving, the activity timeline, cross-construct search, storage
 * usage, cleanup, export and import, and integrity checks. The plan's rows are OpState's records,
 * so this interface returns them. Thread-safe.
 */
public interface SyntheticStore extends AutoCloseable {
    // Construct creation and provisioning

    /** A new construct of {@code type}, provisioning, with a title and metadata (a JSON object, or null). */
    Construct createConstruct(String type, String title, String metadataJson);

    /** Moves the construct to {@code status} (provisioning state), retrying when another writer came first. */
    Construct setStatus(String constructId, String status);

    /** The construct, or empty. */
    Optional<Construct> construct(String constructId);

    /** Construct listing: one page of those matching {@code filter} (type, status, time, metadata). */
    Page<Construct> listConstructs(ConstructQuery filter, PageRequest page);

    /** How many constructs matching {@code filter} are in each status, for the listing's tabs. */
    Map<String, Long> countByStatus(ConstructQuery filter);

    // Relationships (planning-to-implementation hand-off)

    /** Records {@code fromId -[relation]-> toId}. */
    ConstructLink relate(String fromId, String relation, String toId, String metadataJson);

    /** Every relationship leaving the construct, then every one reaching it. */
    List<ConstructLink> relationships(String constructId);

    // Sessions and transcripts (agent orchestration engine)

    /** A new running session of the construct. */
    Session startSession(String constructId);

    /** Saves the agent's state if it is still at {@code expectedVersion} (0 before the first save). */
    Checkpoint saveSessionState(String sessionId, long expectedVersion, String stateJson);

    /** The agent's latest state, or empty before its first save. */
    Optional<Checkpoint> sessionState(String sessionId);

    /** Ends the session in {@code status}, with its timings and interventions (metrics baseline). */
    Session endSession(String sessionId, String status, String metricsJson);

    /** The construct's sessions, oldest first. */
    List<Session> sessions(String constructId);

    /** Appends one streamed chunk of the conversation, whole or not at all, after what is there. */
    List<TranscriptEntry> appendTranscript(String sessionId, List<NewTranscriptEntry> chunk);

    /** Transcript streaming for the UI: at most {@code limit} entries after {@code afterSequence}. */
    List<TranscriptEntry> transcriptChunk(String sessionId, long afterSequence, int limit);

    /** The last {@code count} entries: the "recent transcript" view. */
    List<TranscriptEntry> recentTranscript(String sessionId, int count);

    /** The whole transcript in bounded memory; close it. */
    Stream<TranscriptEntry> streamTranscript(String sessionId);

    /** How many entries the transcript holds. */
    long transcriptLength(String sessionId);

    // Artifacts

    /** Stores a large file of the construct (a command log, a diff bundle...) from {@code content}. */
    Artifact storeArtifact(NewArtifact artifact, InputStream content);

    /** The artifact's content with its content type, verified as it is read; close it. */
    ServedArtifact serveArtifact(String artifactId);

    /** {@code length} bytes of the artifact from {@code offset}, e.g. a log's tail; close it. */
    ServedArtifact serveArtifactRange(String artifactId, long offset, long length);

    /** The construct's artifacts of {@code type} (null: every type), newest first. */
    List<Artifact> artifacts(String constructId, String type);

    // Activity timeline

    /** Logs an event about the construct; it shows in the construct's timeline. */
    void recordEvent(String constructId, String event, String dataJson);

    /** The construct's activity per {@code bucket} over {@code [from, before)}, empty buckets included. */
    List<TimelineBucket> activity(String constructId, Instant from, Instant before, Duration bucket);

    // Cross-construct search

    /** Titles, metadata and transcripts of every construct matching {@code query}, best first. */
    Page<SearchHit> search(SearchQuery query, PageRequest page);

    // Storage usage, cleanup

    /** The construct's storage, by type. */
    StorageUsage storageUsage(String constructId);

    /** Every artifact of the workspace. */
    ArtifactUsage totalArtifactUsage();

    /** Deletes one artifact; its file goes with the next collection unless another artifact shares it. */
    boolean deleteArtifact(String artifactId);

    /** Deletes the construct with its relationships, sessions, transcripts and artifacts. */
    boolean deleteConstruct(String constructId);

    // Backup and recovery

    /** Writes the constructs and everything that belongs to them into the archive {@code to}. */
    ExportReport exportConstructs(List<String> constructIds, Path to);

    /** Restores an archive, resolving records already present by {@code policy}; all or nothing. */
    ImportReport importArchive(Path from, ConflictPolicy policy);

    /** What an import of {@code from} would do under {@code policy}, writing nothing. */
    ImportReport previewImport(Path from, ConflictPolicy policy);

    /** Checks the database and every artifact file it references. */
    IntegrityReport checkIntegrity();

    @Override
    void close();
}
