package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.cli.testing.OneOfEverything;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.SettableClock;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code opstate artifacts usage} and {@code check} on a store holding one artifact: SQLite, and PostgreSQL keeping blobs in the database. */
class ArtifactsCommandTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void usagePrintsTotalsAndOneConstructByType() {
        String url = populatedSqlite();

        assertThat(run("artifacts", "usage", "--url", url)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("\\(all\\) +1 +10 +\\d+");

        out.getBuffer().setLength(0);
        assertThat(run("artifacts", "usage", "--url", url, "--construct", "construct-impl")).isZero();
        assertThat(out.toString()).containsPattern("command-log +1 +10 +\\d+").containsPattern("total +1 +10 +\\d+");
    }

    @Test
    void checkPassesOnASoundStoreAndFailsNamingTheArtifactWhoseBlobIsGone() throws IOException {
        String url = populatedSqlite();

        assertThat(run("artifacts", "check", "--url", url)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("check:          full", "rows checked:   1", "missing blobs:  0",
                "corrupt blobs:  0", "orphan blobs:   0");

        try (Stream<Path> blobs = Files.walk(dir.resolve("source.db.artifacts").resolve("blobs"))) {
            for (Path blob : blobs.filter(Files::isRegularFile).toList()) {
                Files.delete(blob);
            }
        }
        out.getBuffer().setLength(0);
        assertThat(run("artifacts", "check", "--url", url, "--sample", "5", "--repair")).isEqualTo(1);
        assertThat(out.toString()).contains("check:          sample of 5", "missing blobs:  1", "  " + OneOfEverything.ARTIFACT);
    }

    @Test
    void aConfiguredRootIsWhereBlobsAreLookedFor() {
        String url = populatedSqlite();

        assertThat(run("artifacts", "check", "--url", url, "--artifact-root", dir.resolve("empty").toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("missing blobs:  1");
    }

    @Test
    void aStoreKeepingBlobsInTheDatabaseIsCheckedThere() {
        String url = POSTGRES.newStoreUrl("");
        SettableClock clock = new SettableClock();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock)
                .timeSource(TimeSource.HOST).artifactStorage(ArtifactStorage.DATABASE).build())) {
            OneOfEverything.populate(store, clock);
        }

        assertThat(run("artifacts", "check", "--url", url, "--artifact-storage", "database")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("rows checked:   1", "missing blobs:  0", "corrupt blobs:  0");
        assertThat(run("artifacts", "check", "--url", url, "--artifact-storage", "elsewhere")).isNotZero();
    }

    private String populatedSqlite() {
        String url = "jdbc:sqlite:" + dir.resolve("source.db");
        SettableClock clock = new SettableClock();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock).build())) {
            OneOfEverything.populate(store, clock);
        }
        return url;
    }

    private int run(String... args) {
        return OpstateCommand.run(args, out, err);
    }
}
