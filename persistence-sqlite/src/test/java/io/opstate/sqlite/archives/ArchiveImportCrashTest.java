package io.opstate.sqlite.archives;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportOptions;
import io.opstate.constructs.NewConstruct;
import io.opstate.jobs.NewJob;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.sessions.NewSession;
import io.opstate.tck.ChildJvm;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tck.StoreSnapshot;
import io.opstate.transcripts.NewTranscriptEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM importing an archive into a SQLite store that already holds records is killed with
 * SIGKILL at a random moment of the import, {@value #KILLS} times, each time on a fresh copy of
 * that store. Afterwards the store is exactly as it was before the import, or (when the import
 * committed before the kill) exactly as a complete import leaves it: never in between.
 */
class ArchiveImportCrashTest {
    private static final int KILLS = 8;
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    @Timeout(900)
    void aKilledImportLeavesTheStoreAsBeforeOrWhole() throws Exception {
        Path archive = folder.resolve("source.zip");
        try (Datastore source = Persistence.open(SqliteFile.url(folder.resolve("source.db")))) {
            fill(source);
            source.archives().export(archive, ExportSelection.wholeStore(), ProgressListener.NONE, Cancellation.none());
        }
        Path pristine = folder.resolve("target.db");
        StoreSnapshot before;
        try (Datastore target = Persistence.open(SqliteFile.url(pristine))) {
            target.jobs().create(NewJob.of("local").withId("only-in-target"));
            target.constructs().create(NewConstruct.of("agent", "idle").withId("c-0"));
            before = StoreSnapshot.of(target);
        }
        StoreSnapshot whole;
        Path reference = copy(pristine, "reference.db");
        int[] reports = {0};
        try (Datastore target = Persistence.open(SqliteFile.url(reference))) {
            target.archives().importArchive(archive, ImportOptions.of(ConflictPolicy.SKIP), progress -> reports[0]++,
                    Cancellation.none());
            whole = StoreSnapshot.of(target);
        }
        assertThat(whole).isNotEqualTo(before);

        Random random = new Random();
        List<String> ends = new ArrayList<>();
        for (int run = 0; run < KILLS; run++) {
            Path file = copy(pristine, "run-" + run + ".db");
            try (ChildJvm child = ChildJvm.start(CrashingArchiveImport.class, folder.resolve("child-" + run + ".err"),
                    SqliteFile.url(file), archive.toString())) {
                // after a random one of the import's progress reports, or after it ended
                int reportsBeforeKill = 1 + random.nextInt(reports[0] + 1);
                for (int i = 0; i < reportsBeforeKill; i++) {
                    String line = child.nextLine(CHILD_LIMIT);
                    assertThat(line).as("the child stopped early; its stderr:\n%s", child.stderrText()).isNotNull();
                    if (line.equals("imported")) {
                        break;
                    }
                }
                Thread.sleep(random.nextInt(20));
                child.kill();
            }
            try (Datastore store = Persistence.open(SqliteFile.url(file))) {
                StoreSnapshot after = StoreSnapshot.of(store);
                assertThat(after).as("the store after kill %d", run).isIn(before, whole);
                ends.add(after.equals(before) ? "before" : "whole");
            }
            assertThat(SqliteFile.integrityCheck(file)).containsExactly("ok");
        }
        System.out.println("an import reports progress " + reports[0] + " times; killed imports left the store: "
                + ends);
    }

    /** Enough rows that an import takes a while: jobs, constructs with sessions and transcripts. */
    private static void fill(Datastore store) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            jobs.add(NewJob.of("work").withId("job-" + i).withPayload("{\"n\": " + i + "}"));
            if (jobs.size() == 500) {
                store.jobs().createAll(jobs);
                jobs.clear();
            }
        }
        for (int c = 0; c < 100; c++) {
            store.constructs().create(NewConstruct.of("agent", "idle").withId("c-" + c).withTitle("agent " + c));
            store.sessions().create(NewSession.of("c-" + c, "running").withId("s-" + c));
            List<NewTranscriptEntry> entries = new ArrayList<>();
            for (int e = 0; e < 20; e++) {
                entries.add(NewTranscriptEntry.of("user", "message " + e + " of session " + c));
            }
            store.transcripts().appendAll("s-" + c, entries);
        }
    }

    private Path copy(Path file, String name) throws java.io.IOException {
        Path copy = folder.resolve(name);
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }
}
