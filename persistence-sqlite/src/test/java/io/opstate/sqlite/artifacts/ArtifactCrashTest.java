package io.opstate.sqlite.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.sqlite.testing.ChildJvm;
import io.opstate.sqlite.testing.SqliteFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM putting artifacts is killed with SIGKILL at a random moment, 20 times, on one
 * store. After each kill no row is without its blob, every acknowledged artifact reads back
 * verified, and the integrity check finds nothing but orphans (blobs of puts whose row never
 * committed), which garbage collection then removes.
 */
class ArtifactCrashTest {
    private static final int KILLS = 20;
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    @Timeout(600)
    void killedPutsLeaveNoRowWithoutItsBlob() throws Exception {
        Path file = folder.resolve("crash.db");
        Random random = new Random();
        List<String> acknowledged = new ArrayList<>();
        for (int run = 0; run < KILLS; run++) {
            try (ChildJvm child = ChildJvm.start(CrashingArtifactWriter.class, folder.resolve("child-" + run + ".err"),
                    SqliteFile.url(file), "run-" + run, String.valueOf(CHILD_LIMIT.toSeconds()))) {
                int before = 1 + random.nextInt(12);
                for (int i = 0; i < before; i++) {
                    String id = child.nextLine(CHILD_LIMIT);
                    assertThat(id).as("the child stopped early; its stderr:\n%s", child.stderrText()).isNotNull();
                    acknowledged.add(id);
                }
                Thread.sleep(random.nextInt(40));
                child.kill();
                for (String id = child.nextLine(CHILD_LIMIT); id != null; id = child.nextLine(CHILD_LIMIT)) {
                    acknowledged.add(id);
                }
            }
            try (Datastore store = Persistence.open(SqliteFile.url(file))) {
                for (String id : acknowledged) {
                    readVerified(store, id);
                }
                ArtifactIntegrityReport report = store.artifacts().checkIntegrity(ArtifactCheck.full());
                assertThat(report.missingBlobs()).as("rows without their blob after kill %d", run).isEmpty();
                assertThat(report.corruptBlobs()).as("damaged blobs after kill %d", run).isEmpty();
                assertThat(report.rowsChecked()).isGreaterThanOrEqualTo(acknowledged.size());
                // what the kill interrupted, for the record: a put between its blob and its row leaves an orphan
                System.out.printf("kill %d: %d acknowledged, %d rows, %d blobs, %d orphans, %d temporary files%n", run,
                        acknowledged.size(), report.rowsChecked(), report.blobs(), report.orphanBlobs().size(),
                        countFiles(folder.resolve("crash.db.artifacts").resolve("tmp")));
            }
        }

        ageEverything(folder.resolve("crash.db.artifacts"));
        try (Datastore store = Persistence.open(SqliteFile.url(file))) {
            store.artifacts().collectGarbage();
            ArtifactIntegrityReport report = store.artifacts().checkIntegrity(ArtifactCheck.full());
            assertThat(report.orphanBlobs()).as("left after garbage collection").isEmpty();
            assertThat(report.healthy()).isTrue();
            for (String id : acknowledged) {
                readVerified(store, id);
            }
        }
        try (Stream<Path> temp = Files.list(folder.resolve("crash.db.artifacts").resolve("tmp"))) {
            assertThat(temp.toList()).as("temporary files of killed puts, after garbage collection").isEmpty();
        }
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static void readVerified(Datastore store, String id) {
        try (InputStream in = store.artifacts().open(id)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every file under the root look two hours old, so that garbage collection may take what no row names. */
    private static void ageEverything(Path root) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(path, old);
            }
        }
    }
}
