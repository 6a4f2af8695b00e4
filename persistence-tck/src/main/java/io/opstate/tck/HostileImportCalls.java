package io.opstate.tck;

import static io.opstate.tck.HostileSeed.EXECUTION;
import static io.opstate.tck.HostileSeed.PIPELINE;
import static io.opstate.tck.HostileSeed.SCHEDULE;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.executions.Execution;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.executions.ExecutionStatus;
import io.opstate.history.HistoryEvent;
import io.opstate.imports.RecordImport;
import io.opstate.imports.RecordKind;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The entry points of {@link io.opstate.imports.RecordImport}, with hostile batches: null, holding
 * null, or one record built through the public builders from a valid record with one field (or
 * every field) hostile. One record per batch, so that every refusal is validation's or the seeded
 * store's, never a duplicate within the batch.
 */
final class HostileImportCalls {
    static final Instant CREATED = TckSupport.T0.minus(Duration.ofHours(1));
    private static final long LARGEST = RecordImport.MAX_SEQUENCE_NUMBER;
    /** The content of the one blob {@link #seedBlob} stores, with no artifact referring to it. */
    private static final byte[] BLOB = "hi".getBytes(StandardCharsets.UTF_8);
    private static final String BLOB_SHA = ArchiveFiles.sha256(BLOB);
    /** A valid SHA-256 that no content of these tests has. */
    private static final String NO_SHA = "0".repeat(64);

    private HostileImportCalls() {
    }

    /** Stores the blob valid artifact rows of {@code importArtifacts} name, as an import would first. */
    static void seedBlob(io.opstate.Datastore store) {
        store.records().importBlob(BLOB_SHA, BLOB.length, ArtifactCompression.NONE, new ByteArrayInputStream(BLOB));
    }

    static Map<String, Function<HostileRecords, HostileCall>> all(HostileSeed seed) {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("records().importBlob", HostileImportCalls::importBlob);
        calls.put("records().storedVersions", HostileImportCalls::storedVersions);
        calls.put("records().importArtifacts", r -> {
            Hostile<List<Artifact>> batch = batch(r, () -> artifact(r));
            Artifact artifact = only(batch);
            Outcome ifValid;
            if (artifact == null) {
                ifValid = imported();
            } else if (!BLOB_SHA.equals(artifact.sha256()) || artifact.compression() != ArtifactCompression.NONE) {
                ifValid = Outcome.rejected("artifacts[0].sha256");
            } else if (artifact.storedSize() != BLOB.length) {
                ifValid = Outcome.rejected("artifacts[0].storedSize");
            } else if (!isConstruct(artifact.constructId())) {
                ifValid = Outcome.fails(NotFoundException.class);
            } else {
                ifValid = imported();
            }
            return HostileCall.writing("importArtifacts(" + batch + ")",
                    s -> s.records().importArtifacts(batch.value()), ifValid);
        });
        calls.put("records().importJobs", r -> {
            Hostile<List<Job>> batch = batch(r, () -> job(r, seed));
            Job job = only(batch);
            boolean taken = job != null && (HostileSeed.isJob(job.id())
                    || (job.fencingToken() > 0 && job.fencingToken() == seed.runningToken()));
            return HostileCall.writing("importJobs(" + batch + ")", s -> s.records().importJobs(batch.value()),
                    taken ? Outcome.fails(DuplicateKeyException.class) : imported());
        });
        calls.put("records().importPipelines", r -> {
            Hostile<List<Pipeline>> batch = batch(r, () -> pipeline(r));
            Pipeline pipeline = only(batch);
            return HostileCall.writing("importPipelines(" + batch + ")", s -> s.records().importPipelines(batch.value()),
                    pipeline != null && PIPELINE.equals(pipeline.name()) ? Outcome.fails(DuplicateKeyException.class)
                            : imported());
        });
        calls.put("records().importSchedules", r -> {
            Hostile<List<Schedule>> batch = batch(r, () -> schedule(r));
            Schedule schedule = only(batch);
            return HostileCall.writing("importSchedules(" + batch + ")", s -> s.records().importSchedules(batch.value()),
                    schedule != null && SCHEDULE.equals(schedule.id()) ? Outcome.fails(DuplicateKeyException.class)
                            : imported());
        });
        calls.put("records().importExecutions", r -> {
            Hostile<List<Execution>> batch = batch(r, () -> execution(r));
            Execution execution = only(batch);
            Outcome ifValid;
            if (execution != null && execution.scheduleId() != null && !SCHEDULE.equals(execution.scheduleId())) {
                ifValid = Outcome.fails(NotFoundException.class);
            } else if (execution != null && EXECUTION.equals(execution.id())) {
                ifValid = Outcome.fails(DuplicateKeyException.class);
            } else {
                ifValid = imported();
            }
            return HostileCall.writing("importExecutions(" + batch + ")",
                    s -> s.records().importExecutions(batch.value()), ifValid);
        });
        calls.put("records().importHistory", r -> {
            Hostile<List<HistoryEvent>> batch = batch(r, () -> event(r, seed));
            HistoryEvent event = only(batch);
            return HostileCall.writing("importHistory(" + batch + ")", s -> s.records().importHistory(batch.value()),
                    event != null && event.id() == seed.historyEvent() ? Outcome.fails(DuplicateKeyException.class)
                            : imported());
        });
        calls.put("records().importConstructs", r -> {
            Hostile<List<Construct>> batch = batch(r, () -> construct(r));
            Construct construct = only(batch);
            return HostileCall.writing("importConstructs(" + batch + ")",
                    s -> s.records().importConstructs(batch.value()),
                    construct != null && isConstruct(construct.id()) ? Outcome.fails(DuplicateKeyException.class)
                            : imported());
        });
        calls.put("records().importConstructLinks", r -> {
            Hostile<List<ConstructLink>> batch = batch(r, () -> link(r));
            ConstructLink link = only(batch);
            Outcome ifValid;
            if (link != null && (!isConstruct(link.fromId()) || !isConstruct(link.toId()))) {
                ifValid = Outcome.fails(NotFoundException.class);
            } else if (link != null && HostileSeed.CONSTRUCT.equals(link.fromId())
                    && HostileSeed.LINK_TYPE.equals(link.type()) && HostileSeed.OTHER_CONSTRUCT.equals(link.toId())) {
                ifValid = Outcome.fails(DuplicateKeyException.class);
            } else {
                ifValid = imported();
            }
            return HostileCall.writing("importConstructLinks(" + batch + ")",
                    s -> s.records().importConstructLinks(batch.value()), ifValid);
        });
        calls.put("records().importSessions", r -> {
            Hostile<List<Session>> batch = batch(r, () -> session(r));
            Session session = only(batch);
            Outcome ifValid;
            if (session != null && !isConstruct(session.constructId())) {
                ifValid = Outcome.fails(NotFoundException.class);
            } else if (session != null && HostileSessionCalls.SESSION.equals(session.id())) {
                ifValid = Outcome.fails(DuplicateKeyException.class);
            } else {
                ifValid = imported();
            }
            return HostileCall.writing("importSessions(" + batch + ")", s -> s.records().importSessions(batch.value()),
                    ifValid);
        });
        // The seeded session has reached state version 1 and sequence 2, and holds them: a valid
        // checkpoint or entry of it is refused by the store's rules, one of another session is not found.
        calls.put("records().importCheckpoints", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            HostileValues v = r.values();
            Hostile<List<Checkpoint>> batch = batch(r, () -> {
                Checkpoint checkpoint = new Checkpoint(plan.field(0, "sessionId", v::name, HostileSessionCalls.SESSION),
                        plan.field(1, "version", () -> v.longValue(-1, 0, 1, 2), 2L),
                        plan.field(2, "state", r::json, "{}"), plan.field(3, "savedAt", v::instant, CREATED));
                return Hostile.of(checkpoint, "checkpoint(" + plan.label() + ")");
            });
            Checkpoint checkpoint = only(batch);
            return HostileCall.writing("importCheckpoints(" + batch + ")",
                    s -> s.records().importCheckpoints(batch.value()), checkpoint != null
                            && !HostileSessionCalls.SESSION.equals(checkpoint.sessionId())
                            ? Outcome.fails(NotFoundException.class) : Outcome.rejected("checkpoints[0].version"));
        });
        calls.put("records().importTranscriptEntries", r -> {
            HostileRecords.Plan plan = r.arguments(6);
            HostileValues v = r.values();
            Hostile<List<TranscriptEntry>> batch = batch(r, () -> {
                TranscriptEntry entry = new TranscriptEntry(plan.field(0, "sessionId", v::name, HostileSessionCalls.SESSION),
                        plan.field(1, "sequence", () -> v.longValue(-1, 0, 1, 2, 3), 3L),
                        plan.field(2, "role", v::name, "user"), plan.field(3, "content", v::text, "hello"),
                        plan.field(4, "data", r::json, null), plan.field(5, "createdAt", v::instant, CREATED));
                return Hostile.of(entry, "entry(" + plan.label() + ")");
            });
            TranscriptEntry entry = only(batch);
            return HostileCall.writing("importTranscriptEntries(" + batch + ")",
                    s -> s.records().importTranscriptEntries(batch.value()), entry != null
                            && !HostileSessionCalls.SESSION.equals(entry.sessionId())
                            ? Outcome.fails(NotFoundException.class) : Outcome.rejected("entries[0].sequence"));
        });
        return calls;
    }

    /**
     * The seeded blob's content is never read (the store holds it); any other valid call reads
     * the content, "hi" unless hostile, and refuses it when it does not match.
     */
    private static HostileCall importBlob(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(4);
        HostileValues v = r.values();
        Hostile<String> sha256 = plan.argument(0, () -> sha256(r), Hostile.of(BLOB_SHA, "the blob's sha256"));
        Hostile<Long> size = plan.argument(1, () -> v.longValue(-1, 0, 1, 2, 3), Hostile.of(2L, "2"));
        Hostile<ArtifactCompression> compression = plan.argument(2, () -> v.choice(ArtifactCompression.class),
                Hostile.of(ArtifactCompression.NONE, "NONE"));
        Hostile<byte[]> content = plan.argument(3, () -> v.chance(30) ? Hostile.of(null, "null content")
                : Hostile.of(v.oneOf("", "ho", "hi!").getBytes(StandardCharsets.UTF_8), "other content"),
                Hostile.of(BLOB, "hi"));
        Outcome ifValid = BLOB_SHA.equals(sha256.value()) && size.value() == BLOB.length
                ? Outcome.returns("the stored blob", stored -> ((io.opstate.imports.ImportedBlob) stored).reused())
                : Outcome.rejected("content");
        return HostileCall.writing("importBlob(" + sha256 + ", " + size + ", " + compression + ", " + content + ")",
                s -> s.records().importBlob(sha256.value(), size.value(), compression.value(),
                        content.value() == null ? null : new ByteArrayInputStream(content.value())), ifValid);
    }

    private static Hostile<String> sha256(HostileRecords r) {
        if (r.values().chance(50)) {
            return r.values().name();
        }
        return Hostile.of(r.values().oneOf(BLOB_SHA.toUpperCase(java.util.Locale.ROOT), BLOB_SHA.substring(1), NO_SHA,
                BLOB_SHA), "sha-like text");
    }

    /** An artifact row of the seeded construct naming the seeded blob, unless a field says otherwise. */
    private static Hostile<Artifact> artifact(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(11);
        HostileValues v = r.values();
        Artifact artifact = new Artifact(plan.field(0, "id", v::name, "a-" + v.word(6)),
                plan.field(1, "constructId", v::name, HostileSeed.CONSTRUCT), plan.field(2, "type", v::name, "log"),
                plan.field(3, "name", v::name, "a.log"), plan.field(4, "contentType", v::name, "text/plain"),
                plan.field(5, "metadata", r::json, null), plan.field(6, "sha256", () -> sha256(r), BLOB_SHA),
                plan.field(7, "size", () -> v.longValue(-1, 0, 2, 3), 2L),
                plan.field(8, "storedSize", () -> v.longValue(-1, 0, 2, 3), 2L),
                plan.field(9, "compression", () -> v.choice(ArtifactCompression.class), ArtifactCompression.NONE),
                plan.field(10, "createdAt", v::instant, CREATED));
        return Hostile.of(artifact, "artifact(" + plan.label() + ")");
    }

    static boolean isConstruct(String id) {
        return HostileSeed.CONSTRUCT.equals(id) || HostileSeed.OTHER_CONSTRUCT.equals(id);
    }

    static Hostile<Construct> construct(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(8);
        HostileValues v = r.values();
        Construct construct = new Construct(plan.field(0, "id", v::name, "c-" + v.word(6)),
                plan.field(1, "type", v::name, "agent"), plan.field(2, "status", v::name, "idle"),
                plan.field(3, "title", v::text, null), plan.field(4, "metadata", r::json, null),
                plan.field(5, "createdAt", v::instant, CREATED), plan.field(6, "updatedAt", v::instant, null),
                plan.field(7, "version", () -> v.longValue(0, 1, 2), 1L));
        return Hostile.of(construct, "construct(" + plan.label() + ")");
    }

    private static Hostile<ConstructLink> link(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(5);
        HostileValues v = r.values();
        ConstructLink link = new ConstructLink(plan.field(0, "fromId", v::name, HostileSeed.OTHER_CONSTRUCT),
                plan.field(1, "type", v::name, "t-" + v.word(4)), plan.field(2, "toId", v::name, HostileSeed.CONSTRUCT),
                plan.field(3, "metadata", r::json, null), plan.field(4, "createdAt", v::instant, CREATED));
        return Hostile.of(link, "link(" + plan.label() + ")");
    }

    static Hostile<Session> session(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(11);
        HostileValues v = r.values();
        Session session = new Session(plan.field(0, "id", v::name, "sx-" + v.word(6)),
                plan.field(1, "constructId", v::name, HostileSeed.CONSTRUCT), plan.field(2, "status", v::name, "done"),
                plan.field(3, "startedAt", v::instant, CREATED), plan.field(4, "endedAt", v::instant, null),
                plan.field(5, "metrics", r::json, null),
                plan.field(6, "stateVersion", () -> v.longValue(-1, 0, 3), 0L),
                plan.field(7, "lastSequence", () -> v.longValue(-1, 0, 3), 0L),
                plan.field(8, "createdAt", v::instant, null), plan.field(9, "updatedAt", v::instant, null),
                plan.field(10, "version", () -> v.longValue(0, 1, 2), 1L));
        return Hostile.of(session, "session(" + plan.label() + ")");
    }

    /** Null, a list holding null, or a list of the one record {@code record} makes. */
    static <T> Hostile<List<T>> batch(HostileRecords r, java.util.function.Supplier<Hostile<T>> record) {
        if (r.values().chance(5)) {
            return Hostile.of(null, "null batch");
        }
        if (r.values().chance(5)) {
            List<T> holdingNull = new ArrayList<>();
            holdingNull.add(null);
            return Hostile.of(holdingNull, "[null]");
        }
        Hostile<T> one = record.get();
        return Hostile.of(List.of(one.value()), "[" + one.label() + "]");
    }

    /**
     * A kind, possibly null, and keys: null, holding null, one too many, or a few hostile
     * strings, of which only stored ones may come back.
     */
    private static HostileCall storedVersions(HostileRecords r) {
        HostileValues v = r.values();
        HostileRecords.Plan plan = r.arguments(2);
        Hostile<RecordKind> kind = plan.argument(0, () -> v.choice(RecordKind.class), Hostile.of(RecordKind.JOB, "JOB"));
        Hostile<List<String>> keys = plan.argument(1, () -> storedVersionKeys(v), Hostile.of(List.of("i-1"), "[i-1]"));
        List<String> given = keys.value();
        Outcome ifValid;
        if (kind.value() == null) {
            ifValid = Outcome.rejected("kind");
        } else if (given == null || given.size() > RecordImport.MAX_BATCH) {
            ifValid = Outcome.rejected("keys");
        } else if (firstNull(given) >= 0) {
            ifValid = Outcome.rejected("keys[" + firstNull(given) + "]");
        } else {
            ifValid = Outcome.returns("versions of given keys only",
                    result -> given.containsAll(((Map<?, ?>) result).keySet()));
        }
        return HostileCall.reading("storedVersions(" + kind.label() + ", " + keys.label() + ")",
                s -> s.records().storedVersions(kind.value(), given), ifValid);
    }

    /** The index of the first null in {@code list}, -1 when none; for lists that refuse {@code indexOf(null)}. */
    private static int firstNull(List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                return i;
            }
        }
        return -1;
    }

    private static Hostile<List<String>> storedVersionKeys(HostileValues v) {
        if (v.chance(15)) {
            return Hostile.of(null, "null keys");
        }
        if (v.chance(15)) {
            List<String> holdingNull = new ArrayList<>(List.of("i-1"));
            holdingNull.add(null);
            return Hostile.of(holdingNull, "[i-1, null]");
        }
        if (v.chance(10)) {
            List<String> tooMany = new ArrayList<>();
            for (int i = 0; i <= RecordImport.MAX_BATCH; i++) {
                tooMany.add("k-" + i);
            }
            return Hostile.of(tooMany, (RecordImport.MAX_BATCH + 1) + " keys");
        }
        List<String> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int count = v.random().nextInt(4);
        for (int i = 0; i < count; i++) {
            Hostile<String> key = v.text();
            keys.add(key.value());
            labels.add(key.label());
        }
        return Hostile.of(keys, labels.toString());
    }

    static <T> T only(Hostile<List<T>> batch) {
        return batch.value() == null || batch.value().isEmpty() ? null : batch.value().get(0);
    }

    static Outcome imported() {
        return Outcome.returns("the one record", result -> ((List<?>) result).size() == 1);
    }

    /** A succeeded job, claimed once, unless a field says otherwise. */
    private static Hostile<Job> job(HostileRecords r, HostileSeed seed) {
        HostileRecords.Plan plan = r.arguments(16);
        HostileValues v = r.values();
        Job job = Job.builder(plan.field(0, "id", v::name, "i-" + v.word(6)), plan.field(1, "type", v::name, "t"))
                .status(plan.field(2, "status", () -> v.choice(JobStatus.class), JobStatus.SUCCEEDED))
                .createdAt(plan.field(3, "createdAt", v::instant, CREATED))
                .startedAt(plan.field(4, "startedAt", v::instant, CREATED.plusSeconds(1)))
                .finishedAt(plan.field(5, "finishedAt", v::instant, CREATED.plusSeconds(2)))
                .progress(plan.field(6, "progress", v::fraction, 1.0))
                .bytes(plan.field(7, "bytesDone", () -> v.longValue(-1, 0, 10, 11), 10L),
                        plan.field(8, "bytesTotal", v::count, 10L))
                .payload(plan.field(9, "payload", r::json, "{}"))
                .result(plan.field(10, "result", r::json, null))
                .error(plan.field(11, "error", v::text, null), plan.field(11, "errorDetail", v::text, null))
                .attempts(plan.field(12, "attempts", () -> v.integer(-1, 0, 1, 3, 4), 1),
                        plan.field(12, "maxAttempts", () -> v.integer(0, 1, 3, 1000, 1001), 3))
                .fencingToken(plan.field(13, "fencingToken",
                        () -> v.longValue(-1, 0, 1, seed.runningToken(), seed.runningToken() + 1000, LARGEST, LARGEST + 1), 0L))
                .leaseExpiresAt(plan.field(14, "leaseExpiresAt", v::instant, null))
                .version(plan.field(15, "version", () -> v.longValue(0, 1, 2), 1L))
                .workerId(plan.field(15, "workerId", v::name, "w9"))
                .build();
        return Hostile.of(job, "job(" + plan.label() + ")");
    }

    private static Hostile<Pipeline> pipeline(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(6);
        HostileValues v = r.values();
        Pipeline pipeline = Pipeline.builder(plan.field(0, "name", v::name, "p-" + v.word(6)),
                        plan.field(1, "config", r::json, "{}"))
                .description(plan.field(2, "description", v::text, null))
                .createdAt(plan.field(3, "createdAt", v::instant, CREATED))
                .updatedAt(plan.field(4, "updatedAt", v::instant, null))
                .version(plan.field(5, "version", () -> v.longValue(0, 1, 2), 1L))
                .build();
        return Hostile.of(pipeline, "pipeline(" + plan.label() + ")");
    }

    static Hostile<Schedule> schedule(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(10);
        HostileValues v = r.values();
        boolean enabled = v.chance(50);
        Schedule schedule = Schedule.builder(plan.field(0, "id", v::name, "s-" + v.word(6)),
                        plan.field(1, "name", v::name, "n"), plan.field(2, "pipeline", v::name, PIPELINE),
                        plan.field(3, "cronExpression", r.formats()::cron, "0 * * * *"))
                .timeZone(plan.field(4, "timeZone", v::zone, null))
                .enabled(enabled)
                .nextRunAt(plan.field(5, "nextRunAt", v::instant, enabled ? TckSupport.T0.plusSeconds(60) : null))
                .lastRunAt(plan.field(6, "lastRunAt", v::instant, CREATED))
                .lastResult(plan.field(7, "lastResult", v::text, "ok"))
                .createdAt(plan.field(8, "createdAt", v::instant, CREATED))
                .version(plan.field(9, "version", () -> v.longValue(0, 1, 2), 1L))
                .build();
        return Hostile.of(schedule, "schedule(" + plan.label() + ")");
    }

    /**
     * A succeeded execution. Never both a taken id and an unknown schedule: which of the two a
     * store reports first is not part of the contract.
     */
    static Hostile<Execution> execution(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(11);
        HostileValues v = r.values();
        String id = plan.field(0, "id", v::name, "x-" + v.word(6));
        String scheduleId = plan.field(1, "scheduleId", v::name, null);
        if (EXECUTION.equals(id) && scheduleId != null && !scheduleId.equals(SCHEDULE)) {
            scheduleId = SCHEDULE;
        }
        Execution execution = Execution.builder(id, plan.field(2, "pipeline", v::name, PIPELINE),
                        plan.field(3, "triggeredBy", v::name, "alice"))
                .scheduleId(scheduleId)
                .status(plan.field(4, "status", () -> v.choice(ExecutionStatus.class), ExecutionStatus.SUCCEEDED))
                .startedAt(plan.field(5, "startedAt", v::instant, CREATED))
                .endedAt(plan.field(6, "endedAt", v::instant, CREATED.plusMillis(1500)))
                .durationMillis(plan.field(7, "durationMillis", () -> v.longValue(-1, 0, 1500), null))
                .error(plan.field(8, "error", v::text, null))
                .context(plan.field(9, "context", r::json, null))
                .steps(plan.field(9, "steps", r::json, null))
                .version(plan.field(10, "version", () -> v.longValue(0, 1, 2), 1L))
                .build();
        return Hostile.of(execution, "execution(" + plan.label() + ")");
    }

    private static Hostile<HistoryEvent> event(HostileRecords r, HostileSeed seed) {
        HostileRecords.Plan plan = r.arguments(5);
        HostileValues v = r.values();
        HistoryEvent event = HistoryEvent.builder(plan.field(0, "event", v::name, "e"),
                        plan.field(1, "occurredAt", v::instant, CREATED))
                .id(plan.field(2, "id", () -> v.longValue(-1, 0, seed.historyEvent(), seed.historyEvent() + 100, LARGEST, LARGEST + 1), 0L))
                .subjectId(plan.field(3, "subjectId", v::name, null))
                .metadata(plan.field(4, "metadata", r::json, null))
                .build();
        return Hostile.of(event, "event(" + plan.label() + ")");
    }
}
