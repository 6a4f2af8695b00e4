package io.opstate.core;

import io.opstate.DuplicateDedupKeyException;
import io.opstate.DuplicateKeyException;
import io.opstate.InvalidInputException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructRepository;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionStatus;
import io.opstate.history.HistoryEvent;
import io.opstate.core.artifacts.ArtifactChecks;
import io.opstate.imports.ImportedBlob;
import io.opstate.imports.RecordImport;
import io.opstate.imports.RecordKind;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import io.opstate.preferences.Preference;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.tokens.HashedToken;
import io.opstate.tokens.Token;
import java.util.regex.Pattern;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks and normalises every record of an import batch with the field rules of {@code create}
 * and the consistency rules {@link RecordImport} states, then delegates the whole batch. A
 * refusal names the batch, the record's index and the field ({@code jobs[2].finishedAt}); the
 * individual checks are the shared ones, their field names prefixed here, in one place.
 */
final class ValidatingRecordImport implements RecordImport {
    /** The length of a token id: a UUID's text, as every secret names one. */
    private static final int TOKEN_ID_LENGTH = 36;
    private static final Pattern TOKEN_HASH = Pattern.compile("[0-9a-f]{64}");

    private final RecordImport backend;
    private final int maxPayloadBytes;
    private final int maxEntryBytes;

    ValidatingRecordImport(RecordImport backend, int maxPayloadBytes, int maxEntryBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    @Override
    public List<Job> importJobs(List<Job> jobs) {
        List<Job> checked = checkedBatch("jobs", jobs, this::checked);
        Set<String> ids = new HashSet<>();
        Set<Long> tokens = new HashSet<>();
        Map<String, String> heldKeys = new HashMap<>();
        for (Job job : checked) {
            if (!ids.add(job.id())) {
                throw new DuplicateKeyException("job", job.id());
            }
            if (job.fencingToken() > 0 && !tokens.add(job.fencingToken())) {
                throw new DuplicateKeyException("job fencing token", Long.toString(job.fencingToken()));
            }
            if (job.dedupKey() != null && !job.status().isTerminal()) {
                String holder = heldKeys.putIfAbsent(job.dedupKey(), job.id());
                if (holder != null) {
                    throw new DuplicateDedupKeyException(job.dedupKey(), holder);
                }
            }
        }
        return backend.importJobs(checked);
    }

    @Override
    public List<Pipeline> importPipelines(List<Pipeline> pipelines) {
        List<Pipeline> checked = checkedBatch("pipelines", pipelines, this::checked);
        requireUnique("pipeline", checked, Pipeline::name);
        return backend.importPipelines(checked);
    }

    @Override
    public List<Schedule> importSchedules(List<Schedule> schedules) {
        List<Schedule> checked = checkedBatch("schedules", schedules, ValidatingRecordImport::checked);
        requireUnique("schedule", checked, Schedule::id);
        return backend.importSchedules(checked);
    }

    @Override
    public List<Execution> importExecutions(List<Execution> executions) {
        List<Execution> checked = checkedBatch("executions", executions, this::checked);
        requireUnique("execution", checked, Execution::id);
        return backend.importExecutions(checked);
    }

    @Override
    public List<HistoryEvent> importHistory(List<HistoryEvent> events) {
        List<HistoryEvent> checked = checkedBatch("events", events, this::checked);
        Set<Long> ids = new HashSet<>();
        for (HistoryEvent event : checked) {
            if (event.id() > 0 && !ids.add(event.id())) {
                throw new DuplicateKeyException("history event", Long.toString(event.id()));
            }
        }
        return backend.importHistory(checked);
    }

    @Override
    public List<Construct> importConstructs(List<Construct> constructs) {
        List<Construct> checked = checkedBatch("constructs", constructs, this::checked);
        requireUnique("construct", checked, Construct::id);
        return backend.importConstructs(checked);
    }

    @Override
    public List<ConstructLink> importConstructLinks(List<ConstructLink> links) {
        List<ConstructLink> checked = checkedBatch("links", links, this::checked);
        requireUnique("construct link", checked, link -> link.fromId() + " " + link.type() + " " + link.toId());
        return backend.importConstructLinks(checked);
    }

    @Override
    public List<Session> importSessions(List<Session> sessions) {
        List<Session> checked = checkedBatch("sessions", sessions, this::checked);
        requireUnique("session", checked, Session::id);
        return backend.importSessions(checked);
    }

    /** Versions of one session must rise through the batch. */
    @Override
    public List<Checkpoint> importCheckpoints(List<Checkpoint> checkpoints) {
        List<Checkpoint> checked = checkedBatch("checkpoints", checkpoints, this::checked);
        Map<String, Long> last = new HashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            Checkpoint checkpoint = checked.get(i);
            Long before = last.put(checkpoint.sessionId(), checkpoint.version());
            if (before != null && checkpoint.version() <= before) {
                throw new InvalidInputException("checkpoints[" + i + "].version", "must be above the version of the"
                        + " session's checkpoint before it in the batch (" + before + "), got " + checkpoint.version());
            }
        }
        return backend.importCheckpoints(checked);
    }

    /** Sequences of one session must follow each other through the batch. */
    @Override
    public List<TranscriptEntry> importTranscriptEntries(List<TranscriptEntry> entries) {
        List<TranscriptEntry> checked = checkedBatch("entries", entries, this::checked);
        Map<String, Long> last = new HashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            TranscriptEntry entry = checked.get(i);
            Long before = last.put(entry.sessionId(), entry.sequence());
            if (before != null && entry.sequence() != before + 1) {
                throw new InvalidInputException("entries[" + i + "].sequence", "must follow the session's entry"
                        + " before it in the batch (" + (before + 1) + "), got " + entry.sequence());
            }
        }
        return backend.importTranscriptEntries(checked);
    }

    @Override
    public List<Preference> importPreferences(List<Preference> preferences) {
        List<Preference> checked = checkedBatch("preferences", preferences, this::checked);
        requireUnique("preference", checked, preference -> preference.owner() + " " + preference.key());
        return backend.importPreferences(checked);
    }

    @Override
    public List<ResourceKind> importResourceKinds(List<ResourceKind> kinds) {
        List<ResourceKind> checked = checkedBatch("kinds", kinds, ValidatingResourceRepository::checked);
        requireUnique("resource kind", checked, ResourceKind::name);
        return backend.importResourceKinds(checked);
    }

    @Override
    public List<Resource> importResources(List<Resource> resources) {
        List<Resource> checked = checkedBatch("resources", resources, this::checked);
        requireUnique("resource", checked, Resource::id);
        requireUnique("resource", checked, resource -> ResourceKindRules.displayName(resource.kind(),
                resource.owner(), resource.name()));
        return backend.importResources(checked);
    }

    @Override
    public List<Token> importTokens(List<HashedToken> tokens) {
        List<HashedToken> checked = checkedBatch("tokens", tokens, ValidatingRecordImport::checked);
        requireUnique("token", checked, HashedToken::id);
        return backend.importTokens(checked);
    }

    @Override
    public List<Schedule> replaceSchedules(List<Schedule> schedules) {
        List<Schedule> checked = checkedBatch("schedules", schedules, ValidatingRecordImport::checked);
        requireUnique("schedule", checked, Schedule::id);
        return backend.replaceSchedules(checked);
    }

    @Override
    public List<Execution> replaceExecutions(List<Execution> executions) {
        List<Execution> checked = checkedBatch("executions", executions, this::checked);
        requireUnique("execution", checked, Execution::id);
        return backend.replaceExecutions(checked);
    }

    @Override
    public List<Construct> replaceConstructs(List<Construct> constructs) {
        List<Construct> checked = checkedBatch("constructs", constructs, this::checked);
        requireUnique("construct", checked, Construct::id);
        return backend.replaceConstructs(checked);
    }

    @Override
    public List<Session> replaceSessions(List<Session> sessions) {
        List<Session> checked = checkedBatch("sessions", sessions, this::checked);
        requireUnique("session", checked, Session::id);
        return backend.replaceSessions(checked);
    }

    @Override
    public List<Resource> replaceResources(List<Resource> resources) {
        List<Resource> checked = checkedBatch("resources", resources, this::checked);
        requireUnique("resource", checked, Resource::id);
        requireUnique("resource", checked, resource -> ResourceKindRules.displayName(resource.kind(),
                resource.owner(), resource.name()));
        return backend.replaceResources(checked);
    }

    @Override
    public List<Token> replaceTokens(List<HashedToken> tokens) {
        List<HashedToken> checked = checkedBatch("tokens", tokens, ValidatingRecordImport::checked);
        requireUnique("token", checked, HashedToken::id);
        return backend.replaceTokens(checked);
    }

    @Override
    public ImportedBlob importBlob(String sha256, long size, ArtifactCompression compression, InputStream content) {
        ArtifactChecks.sha256("sha256", sha256);
        Checks.notNegative("size", size);
        Checks.required("compression", compression);
        Checks.required("content", content);
        return backend.importBlob(sha256, size, compression, content);
    }

    @Override
    public List<Artifact> importArtifacts(List<Artifact> artifacts) {
        List<Artifact> checked = checkedBatch("artifacts", artifacts, this::checked);
        requireUnique("artifact", checked, Artifact::id);
        requireUnique("artifact", checked, artifact -> artifact.constructId() + "/" + artifact.type() + "/"
                + artifact.name());
        return backend.importArtifacts(checked);
    }

    /**
     * Every record of {@code batch} checked by {@code check}, as an immutable list; a refusal's
     * field is prefixed with the batch name and the record's index.
     */
    /** Keys are only looked up, never written: any string is a key that may name nothing. */
    @Override
    public Map<String, Long> storedVersions(RecordKind kind, Collection<String> keys) {
        Checks.required("kind", kind);
        Checks.required("keys", keys);
        if (keys.size() > MAX_BATCH) {
            throw new InvalidInputException("keys", "must hold at most " + MAX_BATCH + " keys, got " + keys.size());
        }
        Set<String> unique = new LinkedHashSet<>();
        int i = 0;
        for (String key : keys) {
            // A key no record can have (a NUL, a control character, too long) is simply not stored.
            if (TextChecks.isName(Checks.required("keys[" + i++ + "]", key))) {
                unique.add(key);
            }
        }
        return unique.isEmpty() ? Map.of() : Map.copyOf(backend.storedVersions(kind, List.copyOf(unique)));
    }

    private static <T> List<T> checkedBatch(String name, List<T> batch, Function<T, T> check) {
        Checks.required(name, batch);
        if (batch.size() > MAX_BATCH) {
            throw new InvalidInputException(name, "must hold at most " + MAX_BATCH + " records, got " + batch.size());
        }
        List<T> checked = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String at = name + "[" + i + "]";
            T record = Checks.required(at, batch.get(i));
            try {
                checked.add(check.apply(record));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at + "." + e.field(), e.problem(), e);
            }
        }
        return List.copyOf(checked);
    }

    private static <T> void requireUnique(String entity, List<T> records, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (T record : records) {
            if (!seen.add(key.apply(record))) {
                throw new DuplicateKeyException(entity, key.apply(record));
            }
        }
    }

    private Job checked(Job job) {
        JobStatus status = Checks.required("status", job.status());
        Long bytesTotal = Checks.notNegative("bytesTotal", job.bytesTotal());
        long bytesDone = Checks.notNegative("bytesDone", job.bytesDone());
        if (bytesTotal != null && bytesDone > bytesTotal) {
            throw new InvalidInputException("bytesDone", "must not exceed bytesTotal (" + bytesTotal + "), got " + bytesDone);
        }
        int maxAttempts = Checks.range("maxAttempts", job.maxAttempts(), 1, 1000);
        int attempts = Checks.range("attempts", job.attempts(), 0, maxAttempts);
        Instant createdAt = Checks.requiredInstant("createdAt", job.createdAt());
        Instant startedAt = Checks.instant("startedAt", job.startedAt());
        Instant finishedAt = Checks.instant("finishedAt", job.finishedAt());
        if (status.isTerminal() != (finishedAt != null)) {
            throw new InvalidInputException("finishedAt", status.isTerminal()
                    ? "is required for a " + status.label() + " job"
                    : "must be null for a " + status.label() + " job, which has not finished");
        }
        if (status == JobStatus.RUNNING && startedAt == null) {
            throw new InvalidInputException("startedAt", "is required for a running job");
        }
        if (status == JobStatus.RUNNING && attempts == 0) {
            throw new InvalidInputException("attempts", "must be at least 1 for a running job, got 0");
        }
        if (status == JobStatus.QUEUED && attempts == maxAttempts) {
            throw new InvalidInputException("attempts", "must be below maxAttempts (" + maxAttempts
                    + ") for a queued job, which waits for one more claim; got " + attempts);
        }
        notAfter("startedAt", startedAt, "finishedAt", finishedAt);
        if (job.leaseExpiresAt() != null && status != JobStatus.RUNNING) {
            throw new InvalidInputException("leaseExpiresAt", "must be null for a " + status.label() + " job, which holds no lease");
        }
        long token = job.fencingToken();
        if (token < 0 || token > MAX_SEQUENCE_NUMBER) {
            throw new InvalidInputException("fencingToken", "must be between 0 and " + MAX_SEQUENCE_NUMBER + ", got " + token);
        }
        if (attempts == 0 && token != 0) {
            throw new InvalidInputException("fencingToken", "must be 0 for a job never claimed (attempts 0), got " + token);
        }
        Instant updatedAt = job.updatedAt() == null ? latest(createdAt, startedAt, finishedAt)
                : Checks.instant("updatedAt", job.updatedAt());
        Instant notBefore = job.notBefore() == null ? createdAt : Checks.instant("notBefore", job.notBefore());
        return new Job(
                TextChecks.name("id", job.id()),
                TextChecks.name("type", job.type()),
                status,
                TextChecks.optionalName("stage", job.stage()),
                Checks.fraction("progress", job.progress()),
                bytesDone,
                bytesTotal,
                TextChecks.text("message", job.message()),
                JsonChecks.optional("payload", job.payload(), maxPayloadBytes),
                JsonChecks.optional("result", job.result(), maxPayloadBytes),
                TextChecks.text("error", job.error()),
                TextChecks.sizedText("errorDetail", job.errorDetail(), maxPayloadBytes),
                attempts,
                maxAttempts,
                Checks.range("priority", job.priority(), -1000, 1000),
                createdAt,
                updatedAt,
                startedAt,
                finishedAt,
                notBefore,
                TextChecks.optionalName("workerId", job.workerId()),
                Checks.instant("leaseExpiresAt", job.leaseExpiresAt()),
                token,
                version(job.version()),
                TextChecks.optionalName("dedupKey", job.dedupKey()));
    }

    private Pipeline checked(Pipeline pipeline) {
        Instant createdAt = Checks.requiredInstant("createdAt", pipeline.createdAt());
        return new Pipeline(
                TextChecks.name("name", pipeline.name()),
                TextChecks.text("description", pipeline.description()),
                JsonChecks.required("config", pipeline.config(), maxPayloadBytes),
                createdAt,
                pipeline.updatedAt() == null ? createdAt : Checks.instant("updatedAt", pipeline.updatedAt()),
                version(pipeline.version()));
    }

    private static Schedule checked(Schedule schedule) {
        Instant createdAt = Checks.requiredInstant("createdAt", schedule.createdAt());
        Instant lastRunAt = Checks.instant("lastRunAt", schedule.lastRunAt());
        Instant nextRunAt = Checks.instant("nextRunAt", schedule.nextRunAt());
        if (!schedule.enabled() && nextRunAt != null) {
            throw new InvalidInputException("nextRunAt", "must be null for a disabled schedule, which does not run");
        }
        return new Schedule(
                TextChecks.name("id", schedule.id()),
                TextChecks.name("name", schedule.name()),
                TextChecks.name("pipeline", schedule.pipeline()),
                CronSchedules.checked(schedule.cronExpression()),
                schedule.timeZone() == null ? ZoneOffset.UTC : Checks.timeZone("timeZone", schedule.timeZone()),
                schedule.enabled(),
                nextRunAt,
                lastRunAt,
                TextChecks.text("lastResult", schedule.lastResult()),
                createdAt,
                schedule.updatedAt() == null ? latest(createdAt, lastRunAt) : Checks.instant("updatedAt", schedule.updatedAt()),
                version(schedule.version()));
    }

    private Execution checked(Execution execution) {
        ExecutionStatus status = Checks.required("status", execution.status());
        Instant startedAt = Checks.requiredInstant("startedAt", execution.startedAt());
        Instant endedAt = Checks.instant("endedAt", execution.endedAt());
        Long durationMillis = execution.durationMillis();
        if (status.isTerminal() != (endedAt != null)) {
            throw new InvalidInputException("endedAt", status.isTerminal()
                    ? "is required for a " + status.label() + " execution"
                    : "must be null for a running execution");
        }
        if (endedAt == null) {
            if (durationMillis != null) {
                throw new InvalidInputException("durationMillis", "must be null for a running execution, got " + durationMillis);
            }
        } else {
            notAfter("startedAt", startedAt, "endedAt", endedAt);
            long between = Duration.between(startedAt, endedAt).toMillis();
            if (durationMillis != null && durationMillis != between) {
                throw new InvalidInputException("durationMillis", "must be endedAt - startedAt, " + between
                        + " ms, or null to derive it; got " + durationMillis);
            }
            durationMillis = between;
        }
        return new Execution(
                TextChecks.name("id", execution.id()),
                TextChecks.optionalName("scheduleId", execution.scheduleId()),
                TextChecks.optionalName("jobId", execution.jobId()),
                TextChecks.name("pipeline", execution.pipeline()),
                status,
                startedAt,
                endedAt,
                durationMillis,
                TextChecks.text("error", execution.error()),
                JsonChecks.optional("context", execution.context(), maxPayloadBytes),
                JsonChecks.optional("steps", execution.steps(), maxPayloadBytes),
                TextChecks.name("triggeredBy", execution.triggeredBy()),
                version(execution.version()));
    }

    private HistoryEvent checked(HistoryEvent event) {
        if (event.id() < 0 || event.id() > MAX_SEQUENCE_NUMBER) {
            throw new InvalidInputException("id", "must be 0 (numbered by the store) or a number up to "
                    + MAX_SEQUENCE_NUMBER + ", got " + event.id());
        }
        return new HistoryEvent(
                event.id(),
                TextChecks.name("event", event.event()),
                TextChecks.optionalName("subjectId", event.subjectId()),
                JsonChecks.optional("metadata", event.metadata(), maxPayloadBytes),
                Checks.requiredInstant("occurredAt", event.occurredAt()));
    }

    private Construct checked(Construct construct) {
        Instant createdAt = Checks.requiredInstant("createdAt", construct.createdAt());
        return new Construct(
                TextChecks.name("id", construct.id()),
                TextChecks.name("type", construct.type()),
                TextChecks.name("status", construct.status()),
                TextChecks.text("title", construct.title(), ConstructRepository.MAX_TITLE_LENGTH),
                JsonChecks.optionalObject("metadata", construct.metadata(), maxPayloadBytes),
                createdAt,
                construct.updatedAt() == null ? createdAt : Checks.instant("updatedAt", construct.updatedAt()),
                version(construct.version()));
    }

    private ConstructLink checked(ConstructLink link) {
        String fromId = TextChecks.name("fromId", link.fromId());
        String toId = TextChecks.name("toId", link.toId());
        if (toId.equals(fromId)) {
            throw new InvalidInputException("toId", "must differ from fromId: a construct cannot be linked to itself");
        }
        return new ConstructLink(fromId, TextChecks.name("type", link.type()), toId,
                JsonChecks.optionalObject("metadata", link.metadata(), maxPayloadBytes),
                Checks.requiredInstant("createdAt", link.createdAt()));
    }

    private Session checked(Session session) {
        Instant startedAt = Checks.requiredInstant("startedAt", session.startedAt());
        Instant endedAt = Checks.instant("endedAt", session.endedAt());
        notAfter("startedAt", startedAt, "endedAt", endedAt);
        if (session.stateVersion() < 0) {
            throw new InvalidInputException("stateVersion", "must not be negative, got " + session.stateVersion());
        }
        if (session.lastSequence() < 0) {
            throw new InvalidInputException("lastSequence", "must not be negative, got " + session.lastSequence());
        }
        Instant createdAt = session.createdAt() == null ? startedAt : Checks.instant("createdAt", session.createdAt());
        return new Session(
                TextChecks.name("id", session.id()),
                TextChecks.name("constructId", session.constructId()),
                TextChecks.name("status", session.status()),
                startedAt,
                endedAt,
                JsonChecks.optional("metrics", session.metrics(), maxPayloadBytes),
                session.stateVersion(),
                session.lastSequence(),
                createdAt,
                session.updatedAt() == null ? latest(createdAt, endedAt) : Checks.instant("updatedAt", session.updatedAt()),
                version(session.version()));
    }

    private Checkpoint checked(Checkpoint checkpoint) {
        if (checkpoint.version() < 1) {
            throw new InvalidInputException("version", "must be at least 1, got " + checkpoint.version());
        }
        return new Checkpoint(
                TextChecks.name("sessionId", checkpoint.sessionId()),
                checkpoint.version(),
                JsonChecks.required("state", checkpoint.state(), maxPayloadBytes),
                Checks.requiredInstant("savedAt", checkpoint.savedAt()));
    }

    private TranscriptEntry checked(TranscriptEntry entry) {
        if (entry.sequence() < 1) {
            throw new InvalidInputException("sequence", "must be at least 1, got " + entry.sequence());
        }
        ValidatingTranscriptRepository.checkEntry("", new NewTranscriptEntry(entry.role(), entry.content(),
                entry.data()), maxEntryBytes);
        return new TranscriptEntry(
                TextChecks.name("sessionId", entry.sessionId()),
                entry.sequence(),
                entry.role(),
                entry.content(),
                entry.data() == null ? null : JsonChecks.optional("data", entry.data(), maxEntryBytes),
                Checks.requiredInstant("createdAt", entry.createdAt()));
    }

    private Preference checked(Preference preference) {
        Instant createdAt = Checks.requiredInstant("createdAt", preference.createdAt());
        return new Preference(
                TextChecks.optionalName("owner", preference.owner()),
                TextChecks.name("key", preference.key()),
                JsonChecks.required("document", preference.document(), maxPayloadBytes),
                version(preference.version()),
                createdAt,
                preference.updatedAt() == null ? createdAt : Checks.instant("updatedAt", preference.updatedAt()));
    }

    /** The shape of a resource, as {@code create} and {@code transition} check it; its fit to its kind the backend checks. */
    private Resource checked(Resource resource) {
        Instant createdAt = Checks.requiredInstant("createdAt", resource.createdAt());
        return new Resource(
                TextChecks.name("id", resource.id()),
                TextChecks.name("kind", resource.kind()),
                TextChecks.name("name", resource.name()),
                TextChecks.optionalName("owner", resource.owner()),
                JsonChecks.optionalObject("spec", resource.spec(), maxPayloadBytes),
                TextChecks.name("status", resource.status()),
                JsonChecks.optionalObject("statusDetail", resource.statusDetail(), maxPayloadBytes),
                ValidatingResourceRepository.labels(resource.labels()),
                createdAt,
                resource.updatedAt() == null ? createdAt : Checks.instant("updatedAt", resource.updatedAt()),
                version(resource.version()));
    }

    /** A token's id is what its secret names, so it has a secret's id length; the hash is hex of SHA-256's length. */
    private static HashedToken checked(HashedToken token) {
        String id = TextChecks.name("id", token.id());
        if (id.length() != TOKEN_ID_LENGTH) {
            throw new InvalidInputException("id", "must be " + TOKEN_ID_LENGTH + " characters, as the ids a"
                    + " secret names are, got " + id.length());
        }
        if (token.secretHash() == null || !TOKEN_HASH.matcher(token.secretHash()).matches()) {
            throw new InvalidInputException("secretHash", "must be 64 lower-case hex digits (the HMAC-SHA256 of the"
                    + " secret)");
        }
        Checks.required("scopes", token.scopes());
        Set<String> scopes = TextChecks.names("scopes", token.scopes());
        for (String scope : scopes) {
            if (scope.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("scopes", "must not contain whitespace, got a scope with some");
            }
        }
        return new HashedToken(id, TextChecks.name("name", token.name()), scopes,
                Checks.requiredInstant("createdAt", token.createdAt()),
                Checks.instant("expiresAt", token.expiresAt()),
                Checks.instant("lastUsedAt", token.lastUsedAt()),
                Checks.instant("revokedAt", token.revokedAt()),
                token.secretHash());
    }

    /** The fields as {@code put} checks them; the sizes and the form as a blob can have them. */
    private Artifact checked(Artifact artifact) {
        ArtifactCompression compression = Checks.required("compression", artifact.compression());
        long size = Checks.notNegative("size", artifact.size());
        long storedSize = Checks.notNegative("storedSize", artifact.storedSize());
        if (compression == ArtifactCompression.NONE && storedSize != size) {
            throw new InvalidInputException("storedSize", "must equal size (" + size + ") for an uncompressed artifact,"
                    + " got " + storedSize);
        }
        return new Artifact(
                TextChecks.name("id", artifact.id()),
                TextChecks.name("constructId", artifact.constructId()),
                TextChecks.name("type", artifact.type()),
                ArtifactChecks.name("name", artifact.name()),
                ArtifactChecks.contentType(artifact.contentType()),
                JsonChecks.optionalObject("metadata", artifact.metadata(), maxPayloadBytes),
                ArtifactChecks.sha256("sha256", artifact.sha256()),
                size,
                storedSize,
                compression,
                Checks.requiredInstant("createdAt", artifact.createdAt()));
    }

    private static long version(long version) {
        if (version < 1) {
            throw new InvalidInputException("version", "must be at least 1, got " + version);
        }
        return version;
    }

    /** Refuses {@code later} before {@code earlier}, when both are known. */
    private static void notAfter(String earlierField, Instant earlier, String laterField, Instant later) {
        if (earlier != null && later != null && later.isBefore(earlier)) {
            throw new InvalidInputException(laterField, "must not be before " + earlierField + " (" + earlier + "), got " + later);
        }
    }

    /** The latest of the known times. */
    private static Instant latest(Instant first, Instant... others) {
        Instant latest = first;
        for (Instant other : others) {
            if (other != null && other.isAfter(latest)) {
                latest = other;
            }
        }
        return latest;
    }
}
