package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.PersistenceConfig;
import io.opstate.archives.ArchiveConflictException;
import io.opstate.archives.ArchiveFormatException;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.PageRequest;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.NewConstruct;
import io.opstate.executions.Execution;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export into an archive and import from one ({@link io.opstate.Datastore#archives()}): a whole
 * store travels into an empty one and reads back equal, artifacts with their content; every
 * conflict policy does what it says against a store holding the records; a dry run reports and
 * writes nothing; a damaged archive, a record the store refuses, and a cancellation each leave the
 * store as it was. Each store gets an artifact root of its own (a leaf keeping blobs elsewhere
 * overrides {@link #configure}).
 */
public abstract class ArchiveContract extends TwoStoreArchiveSupport {
    /** Compressible text: the log of a build. */
    private static final byte[] BUILD_LOG = "[INFO] compiling module billing\n".repeat(2_000)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** Incompressible bytes. */
    private static final byte[] BUNDLE = randomBytes(70_000);
    private static final byte[] C_NOTES = "only c\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private int roots;

    /** Where the stores of a test keep their blobs, one directory each. */
    @TempDir
    Path artifactRoots;

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.artifactRoot(artifactRoots.resolve("artifacts-" + ++roots).toString());
    }

    /** Pipelines, schedules (one run, one disabled), executions (finished and running), jobs in every state, history. */
    private void seed() {
        Pipeline pipeline = pipelines().create(NewPipeline.of("etl", "{\"steps\": [1, 2]}").withDescription("d"));
        pipelines().update("etl", pipeline.version(), PipelineChanges.none().withConfig("{\"steps\": []}"));
        pipelines().create(NewPipeline.of("report", "{}"));
        Schedule schedule = schedules().create(NewSchedule.of("nightly", "etl", "0 2 * * *").withId("s1")
                .withTimeZone(ZoneId.of("America/New_York")));
        advance(Duration.ofMinutes(3));
        schedules().recordRun("s1", schedule.version(), now(), "ok");
        schedules().create(NewSchedule.of("off", "etl", "*/5 * * * *").withId("s2").withEnabled(false));
        executions().start(NewExecution.of("etl", "scheduler").withId("e1").withScheduleId("s1")
                .withContext("{\"run\": 1}"));
        advance(Duration.ofMillis(1_234_567));
        executions().finish("e1", ExecutionOutcome.failed("boom").withSteps("[{\"ok\": false}]"));
        executions().start(NewExecution.of("etl", "alice").withId("e2"));
        jobs().create(NewJob.of("t").withId("queued").withPayload("{\"n\": 1}").withPriority(5).withStage("wait"));
        Job done = createAndClaim("t2", "w1");
        advance(Duration.ofSeconds(2));
        jobs().complete(done.id(), done.fencingToken(), "{\"ok\": true}");
        Job failing = createAndClaim("t3", "w2");
        jobs().fail(failing.id(), failing.fencingToken(), JobFailure.of("bad"));
        jobs().create(NewJob.of("t4").withId("dedup").withDedupKey("k-1"));
        history().append(NewHistoryEvent.of("deployed").withSubjectId("svc-1").withMetadata("{\"v\": 2}"));
        history().append(NewHistoryEvent.of("rolled-back"));
        seedConstructs();
    }

    /**
     * Constructs a, b, c linked a -> b -> c -> a; session sa on a with three transcript entries
     * and two checkpoints, finished; session sb on b with one entry; c has none.
     */
    private void seedConstructs() {
        store.constructs().create(NewConstruct.of("agent", "active").withId("a").withTitle("Alpha planner")
                .withMetadata("{\"team\": \"red\", \"ref\": \"b\"}"));
        store.constructs().create(NewConstruct.of("agent", "idle").withId("b").withTitle("Bravo"));
        store.constructs().create(NewConstruct.of("tool", "idle").withId("c"));
        Construct a = store.constructs().get("a");
        store.constructs().update("a", a.version(), ConstructChanges.none().withStatus("busy"));
        store.constructs().link("a", "uses", "b", "{\"weight\": 2}");
        store.constructs().link("b", "uses", "c", null);
        store.constructs().link("c", "reports-to", "a", null);
        store.sessions().create(NewSession.of("a", "running").withId("sa").withMetrics("{\"tokens\": 10}"));
        store.transcripts().appendAll("sa", List.of(NewTranscriptEntry.of("user", "plan the zebra migration"),
                NewTranscriptEntry.of("assistant", "planning").withData("{\"step\": 1}")));
        advance(Duration.ofSeconds(1));
        store.transcripts().append("sa", NewTranscriptEntry.of("assistant", "done"));
        store.sessions().saveState("sa", 0, "{\"cursor\": 1}");
        store.sessions().saveState("sa", 1, "{\"cursor\": 2}");
        Session sa = store.sessions().get("sa");
        store.sessions().update("sa", sa.version(), SessionChanges.none().withStatus("finished").withEndedAt(now()));
        store.sessions().create(NewSession.of("b", "running").withId("sb"));
        store.transcripts().append("sb", NewTranscriptEntry.of("user", "hello"));
        seedArtifacts();
    }

    /**
     * A build log on a (compressed) and the same log on b (one blob for both), a bundle on a
     * (stored as it is), an empty file on b, a note on c: five artifacts, four blobs.
     */
    private void seedArtifacts() {
        put(NewArtifact.of("a", "command-log", "build.log", "text/plain; charset=utf-8").withId("art-log")
                .withMetadata("{\"exit\": 0}"), BUILD_LOG);
        advance(Duration.ofSeconds(1));
        put(NewArtifact.of("a", "bundle", "changes.bin", "application/octet-stream").withId("art-bin"), BUNDLE);
        put(NewArtifact.of("b", "command-log", "copy.log", "text/plain").withId("art-copy"), BUILD_LOG);
        put(NewArtifact.of("b", "notes", "empty.txt", "text/plain").withId("art-empty"), new byte[0]);
        put(NewArtifact.of("c", "notes", "c.txt", "text/plain").withId("art-c"), C_NOTES);
        assertThat(store.artifacts().get("art-log").compression()).isEqualTo(ArtifactCompression.ZSTD);
        assertThat(store.artifacts().get("art-bin").compression()).isEqualTo(ArtifactCompression.NONE);
    }

    private Artifact put(NewArtifact artifact, byte[] content) {
        return store.artifacts().put(artifact, new ByteArrayInputStream(content));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(7).nextBytes(bytes);
        return bytes;
    }

    /** An artifact's content as the store serves it. */
    private static byte[] content(Datastore from, String artifactId) {
        try (InputStream in = from.artifacts().open(artifactId)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether every artifact of {@code into} reads back whole and no blob is missing or damaged. */
    private static void assertArtifactsWhole(Datastore into) {
        var report = into.artifacts().checkIntegrity(ArtifactCheck.full());
        assertThat(report.missingBlobs()).isEmpty();
        assertThat(report.corruptBlobs()).isEmpty();
    }

    /** How many blobs {@code in} holds, referenced or not. */
    private static long blobs(Datastore in) {
        return in.artifacts().checkIntegrity(ArtifactCheck.full()).blobs();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path export(Datastore from) {
        Path archive = folder().resolve("store-" + System.nanoTime() + ".zip");
        from.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE, Cancellation.none());
        return archive;
    }

    private static ImportReport importInto(Datastore into, Path archive, ImportOptions options) {
        return into.archives().importArchive(archive, options, ProgressListener.NONE, Cancellation.none());
    }

    /** The records an archive carries today, as the store shows them. */
    private static List<Object> operational(StoreSnapshot snapshot) {
        return List.of(snapshot.pipelines(), snapshot.schedules(), snapshot.jobs(), snapshot.executions(),
                snapshot.history(), snapshot.constructs(), snapshot.constructCounts(), snapshot.constructLinks(),
                snapshot.sessions(), snapshot.checkpoints(), snapshot.transcripts(), snapshot.artifacts(),
                snapshot.artifactUsage());
    }

    @Test
    @DisplayName("a whole store travels into an empty store of the same backend and reads back equal")
    void wholeStoreRoundTrip() {
        seed();
        Path archive = export(store);

        ImportReport report = importInto(second(), archive, ImportOptions.of(ConflictPolicy.FAIL));

        assertThat(operational(StoreSnapshot.of(second()))).isEqualTo(operational(StoreSnapshot.of(store)));
        assertThat(report.dryRun()).isFalse();
        assertThat(report.count("jobs", ImportAction.INSERT)).isEqualTo(4);
        assertThat(report.count("pipelines", ImportAction.INSERT)).isEqualTo(2);
        assertThat(report.count("schedules", ImportAction.INSERT)).isEqualTo(2);
        assertThat(report.count("executions", ImportAction.INSERT)).isEqualTo(2);
        assertThat(report.count("history", ImportAction.INSERT)).isEqualTo(2);
        assertThat(report.count("constructs", ImportAction.INSERT)).isEqualTo(3);
        assertThat(report.count("construct_links", ImportAction.INSERT)).isEqualTo(3);
        assertThat(report.count("sessions", ImportAction.INSERT)).isEqualTo(2);
        assertThat(report.count("checkpoints", ImportAction.INSERT)).isEqualTo(2);
        assertThat(report.count("transcript_entries", ImportAction.INSERT)).isEqualTo(4);
        assertThat(report.count("artifacts", ImportAction.INSERT)).isEqualTo(5);
        assertThat(report.bytes("artifacts", ImportAction.INSERT))
                .isEqualTo(2L * BUILD_LOG.length + BUNDLE.length + C_NOTES.length);
        assertThat(report.total(ImportAction.SKIP)).isZero();
        for (String id : List.of("art-log", "art-bin", "art-copy", "art-empty", "art-c")) {
            assertThat(content(second(), id)).as("content of %s", id).isEqualTo(content(store, id));
        }
        assertArtifactsWhole(second());
        assertThat(second().artifacts().totals()).isEqualTo(store.artifacts().totals());
        assertThat(blobs(second())).as("one blob per content").isEqualTo(4);
    }

    @Test
    @DisplayName("the archive holds artifacts.jsonl and one blob entry per content, listed in the manifest with size and sha256")
    void archiveHoldsArtifactsAndBlobs() throws IOException {
        seed();
        Path archive = folder().resolve("with-blobs.zip");
        ExportReport report = store.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE,
                Cancellation.none());

        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        assertThat(report.rows()).containsEntry("artifacts", 5L);
        assertThat(report.blobs()).isEqualTo(4);
        assertThat(report.blobBytes()).isEqualTo(BUILD_LOG.length + BUNDLE.length + C_NOTES.length);
        assertThat(ArchiveFiles.text(entries, "artifacts.jsonl").lines()).hasSize(5)
                .allSatisfy(line -> assertThat(line.strip()).startsWith("{\"id\":\"art-").contains("\"createdAt\":"));
        for (byte[] content : List.of(BUILD_LOG, BUNDLE, new byte[0], C_NOTES)) {
            assertThat(entries.get("blobs/" + sha256(content))).as("blob of %d bytes", content.length)
                    .isEqualTo(content);
        }
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(entries.get("manifest.json"));
        List<String> listed = new ArrayList<>();
        manifest.get("entries").forEach(entry -> {
            if (entry.get("entity").asText().equals("blob")) {
                String sha = entry.get("name").asText().substring("blobs/".length());
                assertThat(entry.get("sha256").asText()).isEqualTo(sha);
                assertThat(entry.get("bytes").asLong()).isEqualTo(entries.get(entry.get("name").asText()).length);
                listed.add(sha);
            }
        });
        assertThat(listed).containsExactlyInAnyOrder(sha256(BUILD_LOG), sha256(BUNDLE), sha256(new byte[0]),
                sha256(C_NOTES));
    }

    @Test
    @DisplayName("a damaged blob entry is refused before anything is written, not even a blob")
    void damagedBlobRefused() {
        seed();
        Path archive = export(store);
        String entry = "blobs/" + sha256(BUNDLE);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        entries.get(entry)[BUNDLE.length / 2] ^= 1;
        ArchiveFiles.write(archive, entries);

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo(entry);
        assertThat(e.getMessage()).contains("sha256");
        assertThat(blobs(second())).isZero();
    }

    @Test
    @DisplayName("an artifact whose blob the archive lacks is refused, naming its line")
    void artifactWithoutBlobRefused() {
        seed();
        Path archive = export(store);
        String entry = "blobs/" + sha256(C_NOTES);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        entries.remove(entry);
        ArchiveFiles.write(archive, entries);
        ArchiveFiles.rewriteManifest(archive, manifest -> {
            var kept = manifest.arrayNode();
            manifest.withArray("entries").forEach(node -> {
                if (!node.get("name").asText().equals(entry)) {
                    kept.add(node);
                }
            });
            manifest.set("entries", kept);
            return manifest;
        });

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).startsWith("artifacts.jsonl:");
        assertThat(e.getMessage()).contains(sha256(C_NOTES));
        assertThat(blobs(second())).isZero();
    }

    @Test
    @DisplayName("an artifact the store lost comes back with its content; one stored under the same name is kept")
    void artifactsAgainstTheStore() {
        seed();
        Path archive = export(store);
        store.artifacts().delete("art-c");
        store.artifacts().delete("art-bin");
        put(NewArtifact.of("a", "bundle", "changes.bin", "application/octet-stream").withId("art-bin-2"),
                C_NOTES);
        StoreSnapshot before = StoreSnapshot.of(store);

        ImportReport report = importInto(store, archive, ImportOptions.of(ConflictPolicy.SKIP));

        assertThat(report.count("artifacts", ImportAction.INSERT)).isEqualTo(1);
        assertThat(report.outcomes()).filteredOn(o -> o.entity().equals("artifacts") && o.action() == ImportAction.INSERT)
                .singleElement().satisfies(o -> assertThat(o.firstIds()).containsExactly("art-c"));
        assertThat(report.count("artifacts", ImportAction.SKIP)).isEqualTo(4);
        assertThat(content(store, "art-c")).isEqualTo(C_NOTES);
        assertThat(content(store, "art-bin-2")).as("the store's artifact of that name").isEqualTo(C_NOTES);
        assertThat(store.artifacts().find("art-bin")).isEmpty();
        assertThat(StoreSnapshot.of(store).artifacts()).hasSize(before.artifacts().size() + 1);
        assertThat(store.artifacts().usage("c").artifacts()).isEqualTo(1);
        assertArtifactsWhole(store);
    }

    @Test
    @DisplayName("imported constructs and transcripts are found by search, and sessions go on where they were")
    void importedRecordsWorkOn() {
        seed();
        importInto(second(), export(store), ImportOptions.of(ConflictPolicy.FAIL));

        assertThat(second().search().search(SearchQuery.of("zebra"), PageRequest.first(10)).items())
                .extracting(SearchHit::sessionId).containsExactly("sa");
        assertThat(second().search().search(SearchQuery.of("Alpha"), PageRequest.first(10)).items())
                .extracting(SearchHit::constructId).containsExactly("a");
        assertThat(second().transcripts().append("sb", NewTranscriptEntry.of("assistant", "hi")).sequence())
                .isEqualTo(2);
        assertThat(second().sessions().saveState("sa", 2, "{\"cursor\": 3}").version()).isEqualTo(3);
        assertThat(second().sessions().latestState("sa")).map(Checkpoint::state)
                .hasValueSatisfying(state -> JsonAssert.assertJsonEquals("{\"cursor\": 3}", state));
        assertThat(second().transcripts().last("sa", 1)).extracting(TranscriptEntry::content).containsExactly("done");
    }

    @Test
    @DisplayName("an export of chosen constructs carries them, their sessions, checkpoints and entries, and links between them only")
    void chosenConstructs() {
        seed();
        Path archive = folder().resolve("chosen.zip");
        ExportReport exported = store.archives().export(archive, ExportSelection.constructs("a", "b"),
                ProgressListener.NONE, Cancellation.none());

        importInto(second(), archive, ImportOptions.of(ConflictPolicy.FAIL));

        StoreSnapshot source = StoreSnapshot.of(store);
        StoreSnapshot copy = StoreSnapshot.of(second());
        assertThat(exported.rows()).containsOnlyKeys("constructs", "construct_links", "sessions", "checkpoints",
                "transcript_entries", "artifacts");
        assertThat(exported.blobs()).as("the log, the bundle and the empty file, not c's note").isEqualTo(3);
        assertThat(copy.constructs()).extracting(Construct::id).containsExactly("a", "b");
        assertThat(copy.constructs()).containsExactlyElementsOf(source.constructs().stream()
                .filter(c -> !c.id().equals("c")).toList());
        assertThat(copy.constructLinks()).extracting(ConstructLink::toId).containsExactly("b");
        assertThat(copy.sessions()).isEqualTo(source.sessions());
        assertThat(copy.checkpoints()).isEqualTo(source.checkpoints());
        assertThat(copy.transcripts()).isEqualTo(source.transcripts());
        assertThat(copy.artifacts()).extracting(Artifact::id).containsExactly("art-log", "art-bin", "art-copy",
                "art-empty");
        assertThat(copy.artifacts()).containsExactlyElementsOf(source.artifacts().stream()
                .filter(artifact -> !artifact.constructId().equals("c")).toList());
        assertThat(content(second(), "art-copy")).isEqualTo(BUILD_LOG);
        assertThat(blobs(second())).isEqualTo(3);
        assertArtifactsWhole(second());
        assertThat(copy.jobs()).isEmpty();
        assertThat(copy.pipelines()).isEmpty();
    }

    @Test
    @DisplayName("an export of a construct the store does not hold is refused, and no file is left")
    void chosenUnknownConstruct() {
        seed();
        Path target = folder().resolve("none.zip");
        assertThatThrownBy(() -> store.archives().export(target, ExportSelection.constructs("a", "nope"),
                ProgressListener.NONE, Cancellation.none())).isInstanceOf(io.opstate.NotFoundException.class);
        assertThat(folder().toFile().list()).isEmpty();
    }

    @Test
    @DisplayName("COPY_AS_NEW copies constructs with their sessions, entries, checkpoints and links between the copies")
    void copyAsNewConstructs() {
        seed();
        Path archive = folder().resolve("chosen.zip");
        store.archives().export(archive, ExportSelection.constructs("a", "b"), ProgressListener.NONE,
                Cancellation.none());

        ImportReport report = importInto(store, archive, ImportOptions.of(ConflictPolicy.COPY_AS_NEW));

        assertThat(report.count("constructs", ImportAction.COPY)).isEqualTo(2);
        assertThat(report.count("sessions", ImportAction.COPY)).isEqualTo(2);
        assertThat(report.count("transcript_entries", ImportAction.INSERT)).isEqualTo(4);
        assertThat(report.count("construct_links", ImportAction.INSERT)).isEqualTo(1);
        Construct copyOfA = store.constructs().stream(io.opstate.constructs.ConstructQuery.all(), null)
                .filter(c -> "Alpha planner".equals(c.title()) && !c.id().equals("a")).findFirst().orElseThrow();
        JsonAssert.assertJsonEquals("{\"team\": \"red\", \"ref\": \"b\"}", copyOfA.metadata());
        List<ConstructLink> links = store.constructs().outgoing(copyOfA.id(), null);
        assertThat(links).singleElement().satisfies(link -> {
            assertThat(link.toId()).isNotIn("a", "b", "c");
            assertThat(store.constructs().get(link.toId()).title()).isEqualTo("Bravo");
        });
        Session copyOfSa = store.sessions().stream(copyOfA.id(), null).findFirst().orElseThrow();
        assertThat(copyOfSa.id()).isNotEqualTo("sa");
        assertThat(store.transcripts().stream(copyOfSa.id()).map(TranscriptEntry::content).toList())
                .containsExactly("plan the zebra migration", "planning", "done");
        assertThat(store.sessions().latestState(copyOfSa.id())).map(Checkpoint::version).contains(2L);
        assertThat(store.transcripts().stream("sa").count()).isEqualTo(3);
        assertThat(report.count("artifacts", ImportAction.COPY)).isEqualTo(4);
        List<Artifact> copiedArtifacts = StoreSnapshot.readAll(page -> store.artifacts().list(copyOfA.id(), null, page));
        assertThat(copiedArtifacts).extracting(Artifact::name).containsExactly("build.log", "changes.bin");
        assertThat(copiedArtifacts).extracting(Artifact::id).doesNotContain("art-log", "art-bin");
        assertThat(content(store, copiedArtifacts.get(0).id())).isEqualTo(BUILD_LOG);
        assertThat(content(store, copiedArtifacts.get(1).id())).isEqualTo(BUNDLE);
        assertThat(store.artifacts().usageByType(copyOfA.id())).isEqualTo(store.artifacts().usageByType("a"));
        assertThat(store.artifacts().get("art-log").constructId()).isEqualTo("a");
        assertArtifactsWhole(store);
    }

    @Test
    @DisplayName("SKIP keeps a stored session and skips the archive's checkpoints and entries of it")
    void skipKeepsSessionChildren() {
        seed();
        Path archive = export(store);
        store.transcripts().append("sb", NewTranscriptEntry.of("user", "only in the store"));
        StoreSnapshot before = StoreSnapshot.of(store);

        ImportReport report = importInto(store, archive, ImportOptions.of(ConflictPolicy.SKIP));

        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
        assertThat(report.count("transcript_entries", ImportAction.SKIP)).isEqualTo(4);
        assertThat(report.count("checkpoints", ImportAction.SKIP)).isEqualTo(2);
        assertThat(report.count("construct_links", ImportAction.SKIP)).isEqualTo(3);
        assertThat(report.count("artifacts", ImportAction.SKIP)).isEqualTo(5);
        assertThat(report.total(ImportAction.INSERT)).isZero();
    }

    @Test
    @DisplayName("an archive of several batches is decided record by record across the batches' edges")
    void severalBatchesAreDecidedPerRecord() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            jobs.add(Job.builder(String.format("job-%05d", i), "t").status(JobStatus.SUCCEEDED).attempts(1, 1)
                    .createdAt(T0.minusSeconds(10_000 - i)).startedAt(T0.minusSeconds(10_000 - i))
                    .finishedAt(T0.minusSeconds(9_000 - i)).fencingToken(i + 1).version(2).build());
        }
        for (int from = 0; from < jobs.size(); from += 1_000) {
            store.records().importJobs(jobs.subList(from, Math.min(jobs.size(), from + 1_000)));
        }
        Path archive = export(store);
        // every third job, those on both sides of each batch's edge among them, is in the second store already
        List<Job> held = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i += 3) {
            held.add(jobs.get(i).toBuilder().fencingToken(100_000 + i).version(i % 2 == 0 ? 1 : 3).build());
        }
        held.add(jobs.get(1_000).toBuilder().fencingToken(101_000).version(1).build());
        for (int from = 0; from < held.size(); from += 1_000) {
            second().records().importJobs(held.subList(from, Math.min(held.size(), from + 1_000)));
        }

        ImportReport report = importInto(second(), archive, ImportOptions.of(ConflictPolicy.OVERWRITE_IF_NEWER));

        long older = held.stream().filter(job -> job.version() < 2).count();
        assertThat(report.count("jobs", ImportAction.OVERWRITE)).isEqualTo(older);
        assertThat(report.count("jobs", ImportAction.SKIP)).isEqualTo(held.size() - older);
        assertThat(report.count("jobs", ImportAction.INSERT)).isEqualTo(jobs.size() - held.size());
        assertThat(second().jobs().get("job-01000").version()).isEqualTo(2);
        assertThat(second().jobs().get("job-00003").version()).isEqualTo(3);
        assertThat(second().jobs().get("job-02099").fencingToken()).isEqualTo(2_100);
    }

    @Test
    @DisplayName("the export report counts the rows of every entity; progress is reported per entity")
    void exportReportsCountsAndProgress() {
        seed();
        List<Progress> reports = new ArrayList<>();
        ExportReport report = store.archives().export(folder().resolve("a.zip"), ExportSelection.wholeStore(),
                reports::add, Cancellation.none());

        assertThat(report.rows()).containsEntry("jobs", 4L).containsEntry("pipelines", 2L)
                .containsEntry("schedules", 2L).containsEntry("executions", 2L).containsEntry("history", 2L);
        assertThat(reports).extracting(Progress::step).contains("jobs", "history");
        assertThat(reports).allMatch(progress -> progress.operation().equals("export"));
        assertThat(folder().resolve("a.zip")).exists();
        assertThat(folder().toFile().list()).containsExactly("a.zip");
    }

    @Test
    @DisplayName("FAIL refuses an archive whose records the store holds, naming one, and writes nothing")
    void failPolicyRefusesAndWritesNothing() {
        seed();
        Path archive = export(store);
        jobs().create(NewJob.of("extra").withId("extra"));
        Path withExtra = export(store);
        jobs().delete("extra");

        ArchiveConflictException e = assertFailsUnchanged(ArchiveConflictException.class,
                () -> importInto(store, withExtra, ImportOptions.of(ConflictPolicy.FAIL)));
        assertThat(e.entity()).isEqualTo("pipelines");
        assertThat(e.id()).isEqualTo("etl");
        assertThat(archive).exists();
    }

    @Test
    @DisplayName("SKIP keeps the store's records and writes the archive's others")
    void skipPolicyKeepsStored() {
        seed();
        jobs().create(NewJob.of("extra").withId("extra"));
        Path archive = export(store);
        jobs().delete("extra");
        StoreSnapshot before = StoreSnapshot.of(store);

        ImportReport report = importInto(store, archive, ImportOptions.of(ConflictPolicy.SKIP));

        assertThat(report.count("jobs", ImportAction.SKIP)).isEqualTo(4);
        assertThat(report.count("jobs", ImportAction.INSERT)).isEqualTo(1);
        assertThat(report.outcomes()).filteredOn(o -> o.action() == ImportAction.INSERT)
                .singleElement().satisfies(o -> assertThat(o.firstIds()).containsExactly("extra"));
        assertThat(jobs().find("extra")).isPresent();
        StoreSnapshot after = StoreSnapshot.of(store);
        assertThat(after.pipelines()).isEqualTo(before.pipelines());
        assertThat(after.executions()).isEqualTo(before.executions());
        assertThat(after.history()).isEqualTo(before.history());
    }

    @Test
    @DisplayName("OVERWRITE_IF_NEWER replaces records whose archived version is larger and keeps the others")
    void overwriteIfNewer() {
        seed();
        importInto(second(), export(store), ImportOptions.of(ConflictPolicy.FAIL));
        Pipeline etl = pipelines().get("etl");
        pipelines().update("etl", etl.version(), PipelineChanges.none().withDescription("newer in the archive"));
        Pipeline report = second().pipelines().get("report");
        second().pipelines().update("report", report.version(), PipelineChanges.none().withDescription("newer in the store"));
        jobs().cancel("queued");
        Path archive = export(store);

        ImportReport result = importInto(second(), archive, ImportOptions.of(ConflictPolicy.OVERWRITE_IF_NEWER));

        assertThat(second().pipelines().get("etl")).isEqualTo(pipelines().get("etl"));
        assertThat(second().pipelines().get("report").description()).isEqualTo("newer in the store");
        assertThat(second().jobs().get("queued").status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(second().jobs().get("queued")).isEqualTo(jobs().get("queued"));
        assertThat(result.count("pipelines", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(result.count("pipelines", ImportAction.SKIP)).isEqualTo(1);
        assertThat(result.count("jobs", ImportAction.OVERWRITE)).isEqualTo(1);
        assertThat(result.count("jobs", ImportAction.SKIP)).isEqualTo(3);
        assertThat(result.count("history", ImportAction.SKIP)).isEqualTo(2);
        assertThat(result.count("artifacts", ImportAction.SKIP)).as("artifacts never change: the store's are kept")
                .isEqualTo(5);
    }

    @Test
    @DisplayName("COPY_AS_NEW writes copies under fresh keys and points their references at the copies")
    void copyAsNew() {
        seed();
        Path archive = export(store);
        StoreSnapshot before = StoreSnapshot.of(store);

        ImportReport report = importInto(store, archive, ImportOptions.of(ConflictPolicy.COPY_AS_NEW));

        StoreSnapshot after = StoreSnapshot.of(store);
        assertThat(after.jobs()).hasSize(8).containsAll(before.jobs());
        assertThat(after.pipelines()).hasSize(4).containsAll(before.pipelines());
        assertThat(after.schedules()).hasSize(4);
        assertThat(after.executions()).hasSize(4);
        assertThat(after.history()).hasSize(4);
        assertThat(report.count("jobs", ImportAction.COPY)).isEqualTo(4);
        Set<String> pipelineNames = after.pipelines().stream().map(Pipeline::name).collect(Collectors.toSet());
        Schedule copiedNightly = after.schedules().stream()
                .filter(s -> s.name().equals("nightly") && !s.id().equals("s1")).findFirst().orElseThrow();
        assertThat(copiedNightly.pipeline()).isNotEqualTo("etl").startsWith("etl-copy-").isIn(pipelineNames);
        Execution copiedE1 = after.executions().stream()
                .filter(e -> "boom".equals(e.error()) && !e.id().equals("e1")).findFirst().orElseThrow();
        assertThat(copiedE1.scheduleId()).isEqualTo(copiedNightly.id());
        assertThat(copiedE1.pipeline()).isEqualTo(copiedNightly.pipeline());
        Job copiedDedup = after.jobs().stream().filter(j -> j.type().equals("t4") && !j.id().equals("dedup"))
                .findFirst().orElseThrow();
        assertThat(copiedDedup.dedupKey()).isNull();
        assertThat(jobs().get("dedup").dedupKey()).isEqualTo("k-1");
    }

    @Test
    @DisplayName("a dry run reports what each policy would do and writes nothing")
    void dryRunWritesNothing() {
        seed();
        jobs().create(NewJob.of("extra").withId("extra"));
        Path archive = export(store);
        jobs().delete("extra");
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            if (policy == ConflictPolicy.FAIL) {
                continue;
            }
            StoreSnapshot before = StoreSnapshot.of(store);
            ImportReport report = importInto(store, archive, ImportOptions.dryRun(policy));
            assertThat(StoreSnapshot.of(store)).as("store after a dry run under %s", policy).isEqualTo(before);
            assertThat(report.dryRun()).isTrue();
            assertThat(report.count("jobs", ImportAction.INSERT)).isEqualTo(1);
            ImportAction onConflict = switch (policy) {
                case SKIP, OVERWRITE_IF_NEWER -> ImportAction.SKIP;
                case COPY_AS_NEW -> ImportAction.COPY;
                case FAIL -> throw new AssertionError();
            };
            assertThat(report.count("jobs", onConflict)).as("under %s", policy).isEqualTo(4);
            ImportAction onArtifact = policy == ConflictPolicy.COPY_AS_NEW ? ImportAction.COPY : ImportAction.SKIP;
            assertThat(report.count("artifacts", onArtifact)).as("under %s", policy).isEqualTo(5);
            assertThat(report.bytes("artifacts", onArtifact)).as("under %s", policy)
                    .isEqualTo(2L * BUILD_LOG.length + BUNDLE.length + C_NOTES.length);
        }
        assertFailsUnchanged(ArchiveConflictException.class,
                () -> importInto(store, archive, ImportOptions.dryRun(ConflictPolicy.FAIL)));
        ImportReport intoEmpty = importInto(second(), archive, new ImportOptions(ConflictPolicy.FAIL, true, 2));
        assertThat(intoEmpty.count("jobs", ImportAction.INSERT)).isEqualTo(5);
        assertThat(intoEmpty.outcomes()).allSatisfy(o -> assertThat(o.firstIds().size()).isLessThanOrEqualTo(2));
        assertThat(intoEmpty.bytes("artifacts", ImportAction.INSERT))
                .isEqualTo(2L * BUILD_LOG.length + BUNDLE.length + C_NOTES.length);
        assertThat(second().jobs().find("extra")).isEmpty();
        assertThat(blobs(second())).as("a dry run stores no blob").isZero();
    }

    @Test
    @DisplayName("an import is one transaction: a record the store refuses late in the archive leaves nothing behind")
    void refusedRecordLeavesStoreUnchanged() {
        seed();
        Path archive = export(store);
        ArchiveFiles.rewrite(archive, "history.jsonl", text -> text + text.lines().findFirst().orElseThrow()
                .replace("\"event\":\"deployed\"", "\"event\":\"\"").replaceFirst("\"id\":\\d+", "\"id\":999") + "\n");

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo("history.jsonl:3");
    }

    @Test
    @DisplayName("a damaged entry (checksum differs from the manifest) is refused, naming the entry")
    void checksumMismatch() {
        seed();
        Path archive = export(store);
        ArchiveFiles.damage(archive, "jobs.jsonl", text -> text.replace("\"priority\":5", "\"priority\":6"));

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo("jobs.jsonl");
        assertThat(e.getMessage()).contains("sha256");
    }

    @Test
    @DisplayName("an archive of an unknown format version is refused, naming the manifest")
    void unknownFormatVersion() {
        seed();
        Path archive = export(store);
        ArchiveFiles.rewriteManifest(archive, manifest -> manifest.put("formatVersion", 99));

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo("manifest.json");
        assertThat(e.getMessage()).contains("99");
    }

    @Test
    @DisplayName("an archive of format version 1, which had no artifacts, is still read")
    void versionOneIsRead() {
        seed();
        Path archive = export(store);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        entries.keySet().removeIf(name -> name.equals("artifacts.jsonl") || name.startsWith("blobs/"));
        ArchiveFiles.write(archive, entries);
        ArchiveFiles.rewriteManifest(archive, manifest -> {
            var kept = manifest.arrayNode();
            manifest.withArray("entries").forEach(node -> {
                String name = node.get("name").asText();
                if (!name.equals("artifacts.jsonl") && !name.startsWith("blobs/")) {
                    kept.add(node);
                }
            });
            manifest.set("entries", kept);
            return manifest.put("formatVersion", 1);
        });

        ImportReport report = importInto(second(), archive, ImportOptions.of(ConflictPolicy.FAIL));

        assertThat(report.count("constructs", ImportAction.INSERT)).isEqualTo(3);
        assertThat(report.count("artifacts", ImportAction.INSERT)).isZero();
        assertThat(StoreSnapshot.of(second()).artifacts()).isEmpty();
    }

    @Test
    @DisplayName("a truncated archive file is refused")
    void truncatedFile() throws IOException {
        seed();
        Path archive = export(store);
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo(archive.getFileName().toString());
    }

    @Test
    @DisplayName("a malformed line is refused, naming the entry and the line")
    void malformedLine() {
        seed();
        Path archive = export(store);
        ArchiveFiles.rewrite(archive, "executions.jsonl", text -> {
            List<String> lines = new ArrayList<>(text.lines().toList());
            lines.set(1, lines.get(1).substring(0, lines.get(1).length() / 2));
            return String.join("\n", lines) + "\n";
        });

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo("executions.jsonl:2");
    }

    @Test
    @DisplayName("a line with an unknown field is refused, naming the entry, the line and the field")
    void unknownField() {
        seed();
        Path archive = export(store);
        ArchiveFiles.rewrite(archive, "pipelines.jsonl", text -> text.replaceFirst("\\{", "{\"owner\":\"x\","));

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo("pipelines.jsonl:1");
        assertThat(e.getMessage()).contains("owner");
    }

    @Test
    @DisplayName("an entry whose name would leave an extraction folder is refused")
    void pathTraversalName() {
        seed();
        Path archive = export(store);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        entries.put("../../evil.jsonl", "{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ArchiveFiles.write(archive, entries);

        ArchiveFormatException e = assertThrowsOnSecond(ArchiveFormatException.class, archive);
        assertThat(e.field()).isEqualTo("../../evil.jsonl");
        assertThat(e.getMessage()).contains("leave the folder");
    }

    @Test
    @DisplayName("an archive whose export never finished (no manifest) is refused")
    void missingManifest() {
        seed();
        Path archive = export(store);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        entries.remove("manifest.json");
        ArchiveFiles.write(archive, entries);

        assertThatThrownBy(() -> importInto(second(), archive, ImportOptions.of(ConflictPolicy.FAIL)))
                .isInstanceOf(ArchiveFormatException.class).hasMessageContaining("manifest.json");
    }

    @Test
    @DisplayName("a cancelled import, or one whose listener throws, writes nothing")
    void cancelledImportWritesNothing() {
        seed();
        Path archive = export(store);
        Cancellation cancellation = new Cancellation();
        StoreSnapshot before = StoreSnapshot.of(second());

        assertThatThrownBy(() -> second().archives().importArchive(archive, ImportOptions.of(ConflictPolicy.FAIL),
                progress -> {
                    if (progress.step().equals("jobs")) {
                        cancellation.cancel();
                    }
                }, cancellation)).isInstanceOf(OperationCancelledException.class);
        assertThat(StoreSnapshot.of(second())).isEqualTo(before);
        assertThatThrownBy(() -> second().archives().importArchive(archive, ImportOptions.of(ConflictPolicy.FAIL),
                progress -> {
                    if (progress.step().equals("executions")) {
                        throw new IllegalStateException("stop");
                    }
                }, Cancellation.none())).isInstanceOf(OperationCancelledException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(StoreSnapshot.of(second())).isEqualTo(before);
    }

    @Test
    @DisplayName("a cancelled export leaves no file at the target path")
    void cancelledExportLeavesNoFile() {
        seed();
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        Path target = folder().resolve("cancelled.zip");

        assertThatThrownBy(() -> store.archives().export(target, ExportSelection.wholeStore(), ProgressListener.NONE,
                cancellation)).isInstanceOf(OperationCancelledException.class);
        assertThat(folder().toFile().list()).isEmpty();
    }

    private <E extends Throwable> E assertThrowsOnSecond(Class<E> type, Path archive) {
        StoreSnapshot before = StoreSnapshot.of(second());
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> importInto(second(), archive, ImportOptions.of(ConflictPolicy.FAIL)));
        assertThat(thrown).isInstanceOf(type);
        assertThat(StoreSnapshot.of(second())).as("store after a refused import").isEqualTo(before);
        return type.cast(thrown);
    }

    static void uncheckedDelete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
