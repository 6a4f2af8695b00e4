package io.opstate.jdbc.internal;

import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.executions.Execution;
import io.opstate.jdbc.internal.cache.ReadCache;
import io.opstate.jdbc.internal.search.SearchIndex;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.core.artifacts.BlobArtifactRepository;
import io.opstate.history.HistoryEvent;
import io.opstate.imports.ImportedBlob;
import io.opstate.imports.RecordImport;
import io.opstate.imports.RecordKind;
import io.opstate.jdbc.internal.executions.ExecutionImport;
import io.opstate.jdbc.internal.history.HistoryImport;
import io.opstate.jdbc.internal.jobs.JobImport;
import io.opstate.jdbc.internal.pipelines.PipelineImport;
import io.opstate.jdbc.internal.schedules.ScheduleImport;
import io.opstate.jobs.Job;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import io.opstate.jdbc.internal.preferences.JdbcPreferenceRepository;
import io.opstate.jdbc.internal.resources.JdbcResourceRepository;
import io.opstate.jdbc.internal.tokens.JdbcTokenRows;
import io.opstate.preferences.Preference;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.tokens.HashedToken;
import io.opstate.tokens.Token;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The shared SQL implementation of {@link RecordImport}: each batch is one write (joining the
 * thread's transaction, if any), done by the import of its table; artifacts go through the
 * store's {@link BlobArtifactRepository}, which every backend shares. Input is checked and
 * normalised by {@code ValidatingDatastore}. Thread-safe.
 */
public final class RecordImports implements RecordImport {
    private final JobImport jobs;
    private final PipelineImport pipelines;
    private final ScheduleImport schedules;
    private final ExecutionImport executions;
    private final HistoryImport history;
    private final ConstructFamilyImport constructFamily;
    private final RecordReplace replace;
    private final JdbcResourceRepository resources;
    private final JdbcPreferenceRepository preferences;
    private final JdbcTokenRows tokens;
    private final StoredVersions storedVersions;

    private final BlobArtifactRepository artifacts;

    /** Resources, preferences, tokens and artifacts are written by their repositories, which own their SQL. */
    public RecordImports(JdbcContext context, SearchIndex index, ReadCache cache, JdbcResourceRepository resources,
                         JdbcPreferenceRepository preferences, JdbcTokenRows tokens, BlobArtifactRepository artifacts) {
        this.artifacts = artifacts;
        this.constructFamily = new ConstructFamilyImport(context, index, cache);
        this.replace = new RecordReplace(context, index, cache);
        this.resources = resources;
        this.preferences = preferences;
        this.tokens = tokens;
        this.jobs = new JobImport(context);
        this.pipelines = new PipelineImport(context);
        this.schedules = new ScheduleImport(context);
        this.executions = new ExecutionImport(context);
        this.history = new HistoryImport(context);
        this.storedVersions = new StoredVersions(context);
    }

    @Override
    public List<Job> importJobs(List<Job> jobs) {
        return this.jobs.importAll(jobs);
    }

    @Override
    public List<Pipeline> importPipelines(List<Pipeline> pipelines) {
        return this.pipelines.importAll(pipelines);
    }

    @Override
    public List<Schedule> importSchedules(List<Schedule> schedules) {
        return this.schedules.importAll(schedules);
    }

    @Override
    public List<Execution> importExecutions(List<Execution> executions) {
        return this.executions.importAll(executions);
    }

    @Override
    public List<HistoryEvent> importHistory(List<HistoryEvent> events) {
        return history.importAll(events);
    }

    @Override
    public List<Construct> importConstructs(List<Construct> constructs) {
        return constructFamily.importConstructs(constructs);
    }

    @Override
    public List<ConstructLink> importConstructLinks(List<ConstructLink> links) {
        return constructFamily.importLinks(links);
    }

    @Override
    public List<Session> importSessions(List<Session> sessions) {
        return constructFamily.importSessions(sessions);
    }

    @Override
    public List<Checkpoint> importCheckpoints(List<Checkpoint> checkpoints) {
        return constructFamily.importCheckpoints(checkpoints);
    }

    @Override
    public List<TranscriptEntry> importTranscriptEntries(List<TranscriptEntry> entries) {
        return constructFamily.importEntries(entries);
    }

    @Override
    public List<Preference> importPreferences(List<Preference> preferences) {
        return this.preferences.importAll(preferences);
    }

    @Override
    public List<ResourceKind> importResourceKinds(List<ResourceKind> kinds) {
        return resources.importKinds(kinds);
    }

    @Override
    public List<Resource> importResources(List<Resource> resources) {
        return this.resources.importResources(resources);
    }

    @Override
    public List<Token> importTokens(List<HashedToken> tokens) {
        return this.tokens.importAll(tokens);
    }

    @Override
    public List<Schedule> replaceSchedules(List<Schedule> schedules) {
        return replace.replaceSchedules(schedules);
    }

    @Override
    public List<Execution> replaceExecutions(List<Execution> executions) {
        return replace.replaceExecutions(executions);
    }

    @Override
    public List<Construct> replaceConstructs(List<Construct> constructs) {
        return replace.replaceConstructs(constructs);
    }

    @Override
    public List<Session> replaceSessions(List<Session> sessions) {
        return replace.replaceSessions(sessions);
    }

    @Override
    public List<Resource> replaceResources(List<Resource> resources) {
        return this.resources.replaceResources(resources);
    }

    @Override
    public List<Token> replaceTokens(List<HashedToken> tokens) {
        return this.tokens.replaceAll(tokens);
    }

    @Override
    public ImportedBlob importBlob(String sha256, long size, ArtifactCompression compression, InputStream content) {
        return artifacts.importBlob(sha256, size, compression, content);
    }

    @Override
    public List<Artifact> importArtifacts(List<Artifact> artifacts) {
        return this.artifacts.importArtifacts(artifacts);
    }

    @Override
    public Map<String, Long> storedVersions(RecordKind kind, Collection<String> keys) {
        return storedVersions.of(kind, List.copyOf(keys));
    }
}
