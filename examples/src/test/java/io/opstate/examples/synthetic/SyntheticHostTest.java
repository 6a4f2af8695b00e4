package io.opstate.examples.synthetic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Persistence;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.constructs.TimelineBucket;
import io.opstate.constructs.TimelineKind;
import io.opstate.examples.hosts.HostStores;
import io.opstate.search.SearchField;
import io.opstate.search.SearchHit;
import io.opstate.sessions.Session;
import io.opstate.transcripts.TranscriptEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Synthetic's persistence layer on memory, SQLite and PostgreSQL: the whole scenario, checked. */
class SyntheticHostTest {
    private static final int ENTRIES = 3 * SyntheticHost.TURNS;

    @RegisterExtension
    final HostStores stores = new HostStores();
    @TempDir
    Path dir;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private SyntheticStore open(String backend, String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        return new OpStateSyntheticStore(Persistence.open(stores.fresh(backend, home)
                .artifactRoot(home.resolve("artifacts").toString()).build()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void recordsAConstructsRunAndCarriesItToAFreshStore(String backend) throws Exception {
        SyntheticHost.Outcome outcome;
        try (SyntheticStore synthetic = open(backend, "workspace"); SyntheticStore restored = open(backend, "restored")) {
            outcome = SyntheticHost.run(synthetic, restored, dir, new PrintStream(output, true, UTF_8));
            SyntheticHost.print(outcome, new PrintStream(output, true, UTF_8));

            assertThat(synthetic.construct(outcome.implementation().id())).hasValueSatisfying(construct ->
                    assertThat(construct.status()).isEqualTo("ready-for-review"));
            assertThat(synthetic.artifacts(outcome.implementation().id(), "command-log")).extracting(Artifact::name)
                    .as("the install log was cleaned up").containsExactly("mvn-test.log");
            assertRestoredArtifacts(outcome, restored, dir.resolve("billing.opstate.zip"));
        }

        assertThat(outcome.plan().status()).isEqualTo("approved");
        assertThat(outcome.relationships()).singleElement().satisfies(link -> {
            assertThat(link.fromId()).isEqualTo(outcome.plan().id());
            assertThat(link.type()).isEqualTo("implemented-by");
        });
        assertRun(outcome);
        assertArtifacts(outcome);
        assertQueries(outcome);
        assertThat(outcome.integrity().healthy()).isTrue();
        assertThat(outcome.integrity().artifacts().blobs()).as("the install log's file awaits collection").isEqualTo(3);
        assertArchive(outcome);
        assertThat(output.toString(UTF_8)).contains("Implementation " + outcome.implementation().id())
                .contains("Integrity: ok").contains("Fresh store: implementation");
    }

    private static void assertRun(SyntheticHost.Outcome outcome) {
        assertThat(outcome.sessions()).hasSize(2).allSatisfy(session -> {
            assertThat(session.status()).isEqualTo("succeeded");
            assertThat(session.endedAt()).isNotNull();
            assertThat(session.metrics()).contains("totalMs");
        });
        Session first = outcome.sessions().get(0);
        assertThat(first.lastSequence()).isEqualTo(ENTRIES);
        assertThat(first.metrics()).contains("approval");
        assertThat(outcome.state().version()).isEqualTo(SyntheticHost.TURNS / SyntheticHost.TURNS_PER_CHECKPOINT);
        assertThat(outcome.state().state()).contains("\"turn\"").contains(Integer.toString(SyntheticHost.TURNS));
        assertThat(outcome.firstChunk()).extracting(TranscriptEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(outcome.firstChunk().get(0).content()).isEqualTo("Turn 1: continue with LedgerEntry.java");
        assertThat(outcome.recent()).extracting(TranscriptEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(ENTRIES - 19, ENTRIES).boxed().toList());
        assertThat(outcome.streamed()).isEqualTo(ENTRIES);
        assertThat(outcome.activity().stream().mapToLong(bucket -> bucket.count(TimelineKind.TRANSCRIPT_ENTRY)).sum())
                .isEqualTo(ENTRIES + 2);
        assertThat(outcome.activity().stream().mapToLong(bucket -> bucket.count(TimelineKind.HISTORY_EVENT)).sum())
                .as("the provisioning event").isEqualTo(1);
        assertThat(outcome.activity().stream().mapToLong(TimelineBucket::total).sum())
                .as("entries, the event, two starts and two ends").isEqualTo(ENTRIES + 2 + 1 + 4);
    }

    private static void assertArtifacts(SyntheticHost.Outcome outcome) {
        assertThat(outcome.diffContentType()).isEqualTo("text/x-diff; charset=utf-8");
        assertThat(outcome.diffBundle()).isEqualTo(SyntheticHost.diffBundle());
        assertThat(outcome.logTail()).hasSize(SyntheticHost.TAIL_BYTES).endsWith("[INFO] BUILD SUCCESS\n");
        StorageUsage usage = outcome.usage();
        assertThat(usage.sessions()).isEqualTo(2);
        assertThat(usage.transcriptEntries()).isEqualTo(ENTRIES + 2);
        assertThat(usage.artifactsByType()).containsOnlyKeys("command-log", "diff-bundle");
        long diffBytes = SyntheticHost.diffBundle().length;
        long logBytes = SyntheticHost.commandLog().length;
        assertThat(usage.artifactsByType().get("diff-bundle").logicalBytes()).isEqualTo(diffBytes);
        assertThat(usage.artifactsByType().get("command-log").logicalBytes()).isEqualTo(logBytes);
        assertThat(usage.artifacts().artifacts()).isEqualTo(2);
        assertThat(usage.artifacts().storedBytes()).as("text is compressed").isLessThan(diffBytes + logBytes);
        assertThat(outcome.totalUsage()).isEqualTo(usage.artifacts());
    }

    private static void assertQueries(SyntheticHost.Outcome outcome) {
        assertThat(outcome.billing()).extracting(c -> c.type()).containsExactly("plan", "implementation");
        assertThat(outcome.perStatus()).isEqualTo(Map.of("approved", 1L, "running", 2L));
        assertThat(outcome.hits()).extracting(SearchHit::constructType)
                .as("found across constructs").containsExactlyInAnyOrder("implementation", "review");
        assertThat(outcome.hits()).anySatisfy(hit -> {
            assertThat(hit.field()).isEqualTo(SearchField.CONTENT);
            assertThat(hit.sessionId()).isEqualTo(outcome.sessions().get(0).id());
            assertThat(hit.sequence()).isEqualTo(3L * SyntheticHost.FINDING_TURN);
        });
        assertThat(outcome.hitsAfterCleanup()).singleElement()
                .satisfies(hit -> assertThat(hit.constructId()).isEqualTo(outcome.implementation().id()));
    }

    /**
     * The archive carries the implementation's two artifacts (the install log was deleted before the
     * export) and one blob entry each; the fresh store serves their content as the workspace did, and
     * importing the archive again skips them.
     */
    private static void assertRestoredArtifacts(SyntheticHost.Outcome outcome, SyntheticStore restored, Path archive)
            throws Exception {
        assertThat(outcome.exported().rows()).containsEntry("artifacts", 2L);
        assertThat(outcome.exported().blobs()).isEqualTo(2);
        assertThat(outcome.imported().count("artifacts", ImportAction.INSERT)).isEqualTo(2);
        assertThat(outcome.imported().bytes("artifacts", ImportAction.INSERT))
                .isEqualTo(SyntheticHost.diffBundle().length + SyntheticHost.commandLog().length);
        Map<String, Artifact> byName = new java.util.HashMap<>();
        outcome.restored().artifacts().forEach(artifact -> byName.put(artifact.name(), artifact));
        assertThat(byName).containsOnlyKeys("changes.patch", "mvn-test.log");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            assertThat(zip.getEntry("artifacts.jsonl")).isNotNull();
            for (Artifact artifact : byName.values()) {
                assertThat(zip.getEntry("blobs/" + artifact.sha256())).as("blob of %s", artifact.name()).isNotNull()
                        .satisfies(entry -> assertThat(entry.getSize()).isEqualTo(artifact.size()));
            }
        }
        try (ServedArtifact served = restored.serveArtifact(byName.get("changes.patch").id())) {
            assertThat(served.readAll()).isEqualTo(SyntheticHost.diffBundle());
        }
        try (ServedArtifact served = restored.serveArtifact(byName.get("mvn-test.log").id())) {
            assertThat(served.readAll()).isEqualTo(SyntheticHost.commandLog());
        }
        ImportReport again = restored.importArchive(archive, ConflictPolicy.SKIP);
        assertThat(again.count("artifacts", ImportAction.SKIP)).isEqualTo(2);
        assertThat(again.total(ImportAction.INSERT)).isZero();
    }

    /** What the archive carries is what the fresh store receives, record for record. */
    private static void assertArchive(SyntheticHost.Outcome outcome) {
        assertThat(outcome.preview().dryRun()).isTrue();
        for (Map.Entry<String, Long> entity : outcome.exported().rows().entrySet()) {
            assertThat(outcome.preview().count(entity.getKey(), ImportAction.INSERT)).isEqualTo(entity.getValue());
            assertThat(outcome.imported().count(entity.getKey(), ImportAction.INSERT)).isEqualTo(entity.getValue());
        }
        assertThat(outcome.imported().total(ImportAction.INSERT)).isEqualTo(outcome.exported().totalRows());
        Map<String, Long> rows = outcome.exported().rows();
        SyntheticHost.Restored restored = outcome.restored();
        assertThat(restored.implementation().isPresent()).isEqualTo(rows.getOrDefault("constructs", 0L) > 0);
        assertThat((long) restored.relationships().size()).isEqualTo(rows.getOrDefault("construct_links", 0L));
        assertThat((long) restored.sessions().size()).isEqualTo(rows.getOrDefault("sessions", 0L));
        assertThat(restored.transcriptEntries()).isEqualTo(rows.getOrDefault("transcript_entries", 0L));
        assertThat((long) restored.artifacts().size()).isEqualTo(rows.getOrDefault("artifacts", 0L));
    }
}
