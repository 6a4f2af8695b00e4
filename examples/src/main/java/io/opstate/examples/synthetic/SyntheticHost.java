package io.opstate.examples.synthetic;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.TimelineBucket;
import io.opstate.examples.Json;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.spi.Urls;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Synthetic's persistence layer on OpState (seed 004), through its own {@link SyntheticStore}:
 *
 * <ol>
 *   <li>a plan hands off to an implementation construct, which is provisioned and related to it;</li>
 *   <li>the implementation's agent streams a long transcript, one chunk per turn, saving its
 *       state as it goes; a second, short session follows;</li>
 *   <li>the run leaves a diff bundle and command logs; the UI serves the bundle whole and a
 *       log's tail;</li>
 *   <li>a review construct of another repository is searched together with it (cross-construct
 *       search), the constructs listed and counted, storage usage shown by type, the activity
 *       charted, a log cleaned up and the review deleted;</li>
 *   <li>the plan and the implementation are exported to an archive and imported into a fresh
 *       store; the consistency check closes the run.</li>
 * </ol>
 *
 * <pre>
 * java io.opstate.examples.synthetic.SyntheticHost          # data/synthetic.db, or OPSTATE_URL
 * </pre>
 */
public final class SyntheticHost {
    /** Turns of the implementation's first session; each is a user, an assistant and a tool entry. */
    static final int TURNS = 200;
    /** The agent saves its state every this many turns. */
    static final int TURNS_PER_CHECKPOINT = 50;
    /** The turn whose tool output the cross-construct search finds. */
    static final int FINDING_TURN = 137;
    static final String SEARCHED = "ledger rounding";
    static final int LOG_LINES = 2_000;
    static final int TAIL_BYTES = 120;
    static final String DEFAULT_URL = "jdbc:sqlite:data/synthetic.db";

    private SyntheticHost() {
    }

    /** What the restored store holds of the implementation after the import. */
    public record Restored(Optional<Construct> implementation, List<ConstructLink> relationships,
                           List<Session> sessions, long transcriptEntries, List<Artifact> artifacts) {
    }

    /** What the scenario left in the stores. */
    public record Outcome(Construct plan, Construct implementation, List<ConstructLink> relationships,
                          List<Session> sessions, Checkpoint state, List<TranscriptEntry> firstChunk,
                          List<TranscriptEntry> recent, long streamed, String diffContentType, byte[] diffBundle,
                          String logTail, List<Construct> billing, Map<String, Long> perStatus,
                          List<SearchHit> hits, List<SearchHit> hitsAfterCleanup, StorageUsage usage,
                          ArtifactUsage totalUsage, List<TimelineBucket> activity, IntegrityReport integrity,
                          ExportReport exported, ImportReport preview, ImportReport imported, Restored restored) {
    }

    public static void main(String[] args) throws IOException {
        Properties defaults = new Properties();
        defaults.setProperty(PersistenceConfig.URL, DEFAULT_URL);
        PersistenceConfig config = PersistenceConfig.load(defaults, System.getenv());
        Path work = Files.createTempDirectory("synthetic-");
        PersistenceConfig fresh = PersistenceConfig.builder("jdbc:sqlite:" + work.resolve("restored.db")).build();
        System.out.println("Workspace store: " + Urls.mask(config.url()) + "; restoring into " + fresh.url());
        try (SyntheticStore synthetic = new OpStateSyntheticStore(Persistence.open(config));
             SyntheticStore restored = new OpStateSyntheticStore(Persistence.open(fresh))) {
            print(run(synthetic, restored, work, System.out), System.out);
        }
    }

    /** Runs the scenario on {@code synthetic}, exporting into {@code work} and importing into {@code restored}. */
    public static Outcome run(SyntheticStore synthetic, SyntheticStore restored, Path work, PrintStream out) {
        Construct plan = synthetic.createConstruct("plan", "Move billing onto OpState",
                "{\"repo\": \"billing\", \"owner\": \"payments\"}");
        plan = synthetic.setStatus(plan.id(), "approved");
        Construct implementation = synthetic.createConstruct("implementation", "Billing: persistence on OpState",
                "{\"repo\": \"billing\", \"branch\": \"construct/billing-opstate\", \"agent\": \"codex\"}");
        synthetic.relate(plan.id(), "implemented-by", implementation.id(), "{\"order\": 1}");
        synthetic.recordEvent(implementation.id(), "construct.provisioned",
                "{\"worktree\": \"/workspaces/billing-opstate\"}");
        implementation = synthetic.setStatus(implementation.id(), "running");
        Instant started = Instant.now();

        Session first = synthetic.startSession(implementation.id());
        long stateVersion = 0;
        for (int turn = 1; turn <= TURNS; turn++) {
            synthetic.appendTranscript(first.id(), turn(turn));
            if (turn % TURNS_PER_CHECKPOINT == 0) {
                stateVersion = synthetic.saveSessionState(first.id(), stateVersion,
                        "{\"turn\": " + turn + ", \"plan_step\": " + (turn / TURNS_PER_CHECKPOINT) + "}").version();
            }
        }
        synthetic.endSession(first.id(), "succeeded", "{\"timings\": {\"totalMs\": "
                + Duration.between(started, Instant.now()).toMillis() + "}, \"interventions\": [{\"turn\": "
                + FINDING_TURN + ", \"kind\": \"approval\"}]}");
        Session second = synthetic.startSession(implementation.id());
        synthetic.appendTranscript(second.id(), List.of(
                NewTranscriptEntry.of("user", "Address the review comments on the rounding fix"),
                NewTranscriptEntry.of("assistant", "Renamed the helper and added a test for negative totals")));
        synthetic.endSession(second.id(), "succeeded", "{\"timings\": {\"totalMs\": 4100}, \"interventions\": []}");
        out.printf("Implementation %s: %d + 2 transcript entries in two sessions%n", implementation.id(), 3 * TURNS);

        Artifact diff = store(synthetic, NewArtifact.of(implementation.id(), "diff-bundle", "changes.patch",
                "text/x-diff; charset=utf-8").withMetadata("{\"files\": 3}"), diffBundle());
        Artifact testLog = store(synthetic, NewArtifact.of(implementation.id(), "command-log", "mvn-test.log",
                "text/plain; charset=utf-8").withMetadata("{\"command\": \"mvn -q test\", \"exitCode\": 0}"),
                commandLog());
        Artifact installLog = store(synthetic, NewArtifact.of(implementation.id(), "command-log", "npm-install.log",
                "text/plain; charset=utf-8"), "added 812 packages in 14s\n".getBytes(UTF_8));
        out.printf("Artifacts: %s (%d bytes, %d stored), %s (%d bytes, %d stored), %s%n", diff.name(), diff.size(),
                diff.storedSize(), testLog.name(), testLog.size(), testLog.storedSize(), installLog.name());
        String diffType;
        byte[] diffBytes;
        try (ServedArtifact served = synthetic.serveArtifact(diff.id())) {
            diffType = served.contentType();
            diffBytes = served.readAll();
        }
        String tail;
        try (ServedArtifact served = synthetic.serveArtifactRange(testLog.id(), testLog.size() - TAIL_BYTES,
                TAIL_BYTES)) {
            tail = new String(served.readAll(), UTF_8);
        }
        out.printf("Served %s as %s; tail of %s:%n%s", diff.name(), diffType, testLog.name(), tail);

        Construct review = synthetic.createConstruct("review", "Review: ledger rounding in monthly reports",
                "{\"repo\": \"reporting\"}");
        synthetic.setStatus(review.id(), "running");
        SearchQuery findings = SearchQuery.of(SEARCHED).between(plan.createdAt(), null);
        List<SearchHit> hits = synthetic.search(findings, PageRequest.first(10)).items();
        out.printf("Search '%s': %d hits%n", SEARCHED, hits.size());
        hits.forEach(hit -> out.printf("  %s %s %s%s: %s%n", hit.constructType(), hit.constructId(), hit.field(),
                hit.sequence() == null ? "" : " #" + hit.sequence(), hit.snippet().marked("[", "]")));

        List<Construct> billing = synthetic.listConstructs(ConstructQuery.all().withMetadata("{\"repo\": \"billing\"}")
                .createdBetween(plan.createdAt(), null), PageRequest.first(20).oldestFirst()).items();
        Map<String, Long> perStatus = synthetic.countByStatus(ConstructQuery.all()
                .createdBetween(plan.createdAt(), null));
        out.printf("Billing constructs: %s; by status: %s%n", billing.stream().map(Construct::type).toList(),
                perStatus);

        synthetic.deleteArtifact(installLog.id());
        synthetic.deleteConstruct(review.id());
        List<SearchHit> hitsAfterCleanup = synthetic.search(findings, PageRequest.first(10)).items();
        out.printf("Cleaned up %s and the review: search now finds %d%n", installLog.name(), hitsAfterCleanup.size());

        implementation = synthetic.setStatus(implementation.id(), "ready-for-review");
        StorageUsage usage = synthetic.storageUsage(implementation.id());
        ArtifactUsage total = synthetic.totalArtifactUsage();
        out.printf("Storage of %s: %d sessions, %d transcript entries%n", implementation.id(), usage.sessions(),
                usage.transcriptEntries());
        usage.artifactsByType().forEach((type, bytes) -> out.printf("  %s: %d artifacts, %d bytes (%d stored)%n",
                type, bytes.artifacts(), bytes.logicalBytes(), bytes.storedBytes()));
        out.printf("  workspace: %d artifacts, %d bytes (%d stored)%n", total.artifacts(), total.logicalBytes(),
                total.storedBytes());
        Duration minute = Duration.ofMinutes(1);
        List<TimelineBucket> activity = synthetic.activity(implementation.id(), started.minus(minute),
                Instant.now().plus(minute), minute);

        Path archive = work.resolve("billing.opstate.zip");
        ExportReport exported = synthetic.exportConstructs(List.of(plan.id(), implementation.id()), archive);
        ImportReport preview = restored.previewImport(archive, ConflictPolicy.FAIL);
        ImportReport imported = restored.importArchive(archive, ConflictPolicy.FAIL);
        out.printf("Exported %d records %s into %s; imported %d of them into a fresh store%n",
                exported.totalRows(), exported.rows(), archive.getFileName(), imported.total(ImportAction.INSERT));
        Restored restoredImplementation = restoredView(restored, implementation.id());

        IntegrityReport integrity = synthetic.checkIntegrity();
        out.printf("Integrity: %s (%d artifact files, %d bytes on disk)%n", integrity.healthy() ? "ok" : "DAMAGED",
                integrity.artifacts().blobs(), integrity.artifacts().blobBytes());

        List<Session> sessions = synthetic.sessions(implementation.id());
        long streamed;
        try (Stream<TranscriptEntry> transcript = synthetic.streamTranscript(first.id())) {
            streamed = transcript.count();
        }
        return new Outcome(plan, implementation, synthetic.relationships(implementation.id()), sessions,
                synthetic.sessionState(first.id()).orElseThrow(), synthetic.transcriptChunk(first.id(), 0, 100),
                synthetic.recentTranscript(first.id(), 20), streamed, diffType, diffBytes, tail, billing, perStatus,
                hits, hitsAfterCleanup, usage, total, activity, integrity, exported, preview, imported,
                restoredImplementation);
    }

    static void print(Outcome outcome, PrintStream out) {
        out.printf("%s '%s' (%s)%n", outcome.plan().type(), outcome.plan().title(), outcome.plan().status());
        outcome.relationships().forEach(link -> out.printf("  %s -[%s]-> %s%n", link.fromId(), link.type(),
                link.toId()));
        out.printf("%s '%s' (%s), metadata %s%n", outcome.implementation().type(), outcome.implementation().title(),
                outcome.implementation().status(), outcome.implementation().metadata());
        for (Session session : outcome.sessions()) {
            out.printf("  session %s %s: %d entries, state v%d, metrics %s%n", session.id(), session.status(),
                    session.lastSequence(), session.stateVersion(), session.metrics());
        }
        out.printf("  first chunk %s, recent %s, streamed %d entries; state %s%n", span(outcome.firstChunk()),
                span(outcome.recent()), outcome.streamed(), outcome.state().state());
        outcome.activity().stream().filter(bucket -> bucket.total() > 0)
                .forEach(bucket -> out.printf("  activity %s: %s%n", bucket.start(), bucket.counts()));
        Restored restored = outcome.restored();
        out.printf("Fresh store: implementation %s, %d relationships, %d sessions, %d entries, %d artifacts%n",
                restored.implementation().isPresent() ? "present" : "absent", restored.relationships().size(),
                restored.sessions().size(), restored.transcriptEntries(), restored.artifacts().size());
    }

    private static String span(List<TranscriptEntry> entries) {
        return entries.get(0).sequence() + ".." + entries.get(entries.size() - 1).sequence();
    }

    private static Restored restoredView(SyntheticStore restored, String implementationId) {
        Optional<Construct> construct = restored.construct(implementationId);
        if (construct.isEmpty()) {
            return new Restored(construct, List.of(), List.of(), 0, List.of());
        }
        List<Session> sessions = restored.sessions(implementationId);
        return new Restored(construct, restored.relationships(implementationId), sessions,
                sessions.stream().mapToLong(Session::lastSequence).sum(), restored.artifacts(implementationId, null));
    }

    private static Artifact store(SyntheticStore synthetic, NewArtifact artifact, byte[] content) {
        return synthetic.storeArtifact(artifact.withDeclaredSize(content.length), new ByteArrayInputStream(content));
    }

    /** One turn of the agent's conversation, appended as the agent streams it. */
    static List<NewTranscriptEntry> turn(int turn) {
        String file = List.of("Invoice.java", "LedgerEntry.java", "TaxRule.java", "Payout.java").get(turn % 4);
        String finding = turn == FINDING_TURN ? "; found a ledger rounding error in invoice totals" : "";
        return List.of(
                NewTranscriptEntry.of("user", "Turn " + turn + ": continue with " + file),
                NewTranscriptEntry.of("assistant", "Editing " + file + " to read and write through the store"),
                NewTranscriptEntry.of("tool", "mvn -q test: " + (40 + turn) + " tests passed" + finding)
                        .withData("{\"tool\": \"shell\", \"exitCode\": 0, \"file\": " + Json.quote(file) + "}"));
    }

    static byte[] diffBundle() {
        StringBuilder diff = new StringBuilder();
        for (String file : List.of("Invoice.java", "LedgerEntry.java", "BillingStore.java")) {
            diff.append("diff --git a/src/").append(file).append(" b/src/").append(file).append('\n')
                    .append("--- a/src/").append(file).append("\n+++ b/src/").append(file).append('\n')
                    .append("@@ -10,7 +10,7 @@\n");
            for (int line = 0; line < 40; line++) {
                diff.append(line == 20 ? "-    BigDecimal total = sum.setScale(2, RoundingMode.DOWN);\n"
                        + "+    BigDecimal total = sum.setScale(2, RoundingMode.HALF_EVEN);\n" : "     // unchanged\n");
            }
        }
        return diff.toString().getBytes(UTF_8);
    }

    static byte[] commandLog() {
        StringBuilder log = new StringBuilder();
        for (int line = 1; line <= LOG_LINES; line++) {
            log.append(String.format("[INFO] Running io.billing.Test%04d ... ok (%d ms)\n", line, line % 97));
        }
        log.append("[INFO] BUILD SUCCESS\n");
        return log.toString().getBytes(UTF_8);
    }
}
