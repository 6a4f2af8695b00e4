package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM putting artifacts is killed with SIGKILL at a random moment, {@value #KILLS} times,
 * on one store. After each kill no row is without its blob, every acknowledged artifact reads
 * back verified, and the integrity check finds nothing but orphans (blobs of puts whose row never
 * committed), which garbage collection then removes, together with what the killed puts left
 * half-written.
 *
 * <p>Only for backends whose store outlives the process (not the memory backend). A leaf names
 * the store's settings, which the child and the test both open, and how to look at its blobs.
 */
public abstract class ArtifactCrashContract {
    private static final int KILLS = 20;
    /**
     * How long a child may take for a line, and runs at most. Generous: on a machine shared with
     * other builds, a JVM's start, the store's open and a first put took more than 30 s.
     */
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(90);
    /** Older than anything garbage collection spares as possibly in use by a running put. */
    private static final Duration COLLECTABLE_AGE = Duration.ofHours(2);

    /** A folder of the test's own, for the store's files and the children's error output. */
    @TempDir
    protected Path folder;

    /**
     * The {@code opstate.*} settings of a new, empty store, as {@link PersistenceConfig#fromProperties}
     * reads them; called once per test. Files of the store go under {@link #folder}.
     */
    protected abstract Map<String, String> storeSettings();

    /** The blobs of the store {@link #storeSettings()} last described. */
    protected abstract StoredBlobs blobs();

    @Test
    @Timeout(600)
    void killedPutsLeaveNoRowWithoutItsBlob() throws Exception {
        Map<String, String> settings = storeSettings();
        Random random = new Random();
        List<String> acknowledged = new ArrayList<>();
        // one store of the test's, open throughout: what it reads after a kill is what any process would
        try (Datastore store = open(settings)) {
            for (int run = 0; run < KILLS; run++) {
                int verified = acknowledged.size();
                killAtRandom(settings, run, random, acknowledged);
                for (String id : acknowledged.subList(verified, acknowledged.size())) {
                    readVerified(store, id);
                }
                // reads every blob a row names, so a kill that damaged an earlier artifact's blob is caught too
                ArtifactIntegrityReport report = store.artifacts().checkIntegrity(ArtifactCheck.full());
                assertThat(report.missingBlobs()).as("rows without their blob after kill %d", run).isEmpty();
                assertThat(report.corruptBlobs()).as("damaged blobs after kill %d", run).isEmpty();
                assertThat(report.rowsChecked()).isGreaterThanOrEqualTo(acknowledged.size());
                // what the kill interrupted, for the record: a put between its blob and its row leaves an orphan
                System.out.printf("kill %d: %d acknowledged, %d rows, %d blobs, %d orphans, %d unfinished puts%n", run,
                        acknowledged.size(), report.rowsChecked(), report.blobs(), report.orphanBlobs().size(),
                        blobs().leftovers().size());
            }

            StoredBlobs blobs = blobs();
            blobs.names().forEach(blob -> blobs.age(blob, COLLECTABLE_AGE));
            blobs.ageLeftovers(COLLECTABLE_AGE);
            store.artifacts().collectGarbage();
            ArtifactIntegrityReport report = store.artifacts().checkIntegrity(ArtifactCheck.full());
            assertThat(report.orphanBlobs()).as("left after garbage collection").isEmpty();
            assertThat(report.healthy()).isTrue();
            for (String id : acknowledged) {
                readVerified(store, id);
            }
            assertThat(blobs.leftovers()).as("what killed puts left, after garbage collection").isEmpty();
        }
    }

    /** Starts a writer, waits for 1 to 8 acknowledged puts, kills it a moment later; adds what it acknowledged. */
    private void killAtRandom(Map<String, String> settings, int run, Random random, List<String> acknowledged)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("run-" + run, String.valueOf(CHILD_LIMIT.toSeconds())));
        settings.forEach((key, value) -> args.add(key + "=" + value));
        try (ChildJvm child = ChildJvm.start(CrashingArtifactWriter.class, folder.resolve("child-" + run + ".err"),
                args.toArray(String[]::new))) {
            int before = 1 + random.nextInt(8);
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
    }

    /** Opens the store the way the child does: from {@code opstate.*} properties. */
    static Datastore open(Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        return Persistence.open(PersistenceConfig.fromProperties(properties));
    }

    private static void readVerified(Datastore store, String id) {
        try (InputStream in = store.artifacts().open(id)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
