package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opstate export} and {@code opstate import} between SQLite stores. */
class ArchiveCommandsTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private String source;
    private String target;
    private Path archive;

    @BeforeEach
    void stores() {
        source = "jdbc:sqlite:" + dir.resolve("source.db");
        target = "jdbc:sqlite:" + dir.resolve("target.db");
        archive = dir.resolve("export.zip");
        try (Datastore store = Persistence.open(source)) {
            store.pipelines().create(NewPipeline.of("etl", "{}"));
            store.jobs().create(NewJob.of("t").withId("job-1"));
            store.jobs().create(NewJob.of("t").withId("job-2"));
        }
        try (Datastore store = Persistence.open(target)) {
            store.jobs().create(NewJob.of("t").withId("job-1"));
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return OpstateCommand.run(args, out, err);
    }

    @Test
    void exportsThenImportsWithAPolicy() throws IOException {
        assertThat(run("export", "--url", source, "--to", archive.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("jobs").contains("3 rows");
        assertThat(Files.getPosixFilePermissions(archive))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        assertThat(run("import", "--url", target, "--from", archive.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("job-1").contains("the store is unchanged");

        assertThat(run("import", "--url", target, "--from", archive.toString(), "--policy", "skip"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("skip").contains("job-1").contains("insert").contains("job-2");
        try (Datastore store = Persistence.open(target)) {
            assertThat(store.jobs().find("job-2")).isPresent();
            assertThat(store.pipelines().find("etl")).isPresent();
        }
    }

    @Test
    void aDryRunPrintsJsonAndWritesNothing() throws IOException {
        assertThat(run("export", "--url", source, "--to", archive.toString(), "--json")).isZero();
        JsonNode exported = new ObjectMapper().readTree(out.toString());
        assertThat(exported.path("rows").path("jobs").asLong()).isEqualTo(2);

        assertThat(run("import", "--url", target, "--from", archive.toString(), "--policy", "copy-as-new",
                "--dry-run", "--json")).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("policy").asText()).isEqualTo("copy-as-new");
        assertThat(report.path("outcomes").findValuesAsText("action")).contains("copy", "insert");
        try (Datastore store = Persistence.open(target)) {
            assertThat(store.jobs().find("job-2")).isEmpty();
            assertThat(store.pipelines().find("etl")).isEmpty();
        }
    }

    @Test
    void aDamagedArchiveIsRefusedNamingTheEntry() throws IOException {
        assertThat(run("export", "--url", source, "--to", archive.toString())).isZero();
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length - 30));

        assertThat(run("import", "--url", target, "--from", archive.toString(), "--policy", "skip")).isEqualTo(1);
        assertThat(err.toString()).contains("export.zip").contains("the store is unchanged");
    }

    @Test
    void anUnknownPolicyIsBadUsage() {
        assertThat(run("import", "--url", target, "--from", archive.toString(), "--policy", "merge")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown policy 'merge'");
        assertThat(Set.of(dir.toFile().list())).doesNotContain("export.zip");
    }
}
