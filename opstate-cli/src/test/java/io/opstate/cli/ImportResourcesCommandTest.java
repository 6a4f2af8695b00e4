package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opstate import-resources} on a SQLite store: files in OpState's resource JSON form. */
class ImportResourcesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String url;
    private Path legacy;
    private Path archive;

    @BeforeEach
    void store() throws IOException {
        url = "jdbc:sqlite:" + dir.resolve("store.db");
        try (Datastore store = Persistence.open(url)) {
            store.resources().declareKind(ResourceKind.of("instance", "stopped", "running")
                    .withLabelValues("backend_type", "llama_cpp", "vllm"));
        }
        legacy = Files.createDirectories(dir.resolve("instances"));
        archive = dir.resolve("archive");
    }

    private int run() {
        return OpstateCommand.run(new String[] {"import-resources", "--url", url, "--kind", "instance", "--archive",
                archive.toString(), legacy.toString()}, out, err);
    }

    @Test
    void importsResourceJsonFilesThenFindsNothing() throws IOException {
        Files.writeString(legacy.resolve("a.json"), "{\"name\": \"llama\", \"owner\": \"team\","
                + " \"spec\": {\"port\": 8080}, \"labels\": {\"backend_type\": \"llama_cpp\"}}");
        Files.writeString(legacy.resolve("b.json"), "{\"name\": \"vllm\"}");

        assertThat(run()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("imported 2 resources of kind instance");
        try (Datastore store = Persistence.open(url)) {
            Resource llama = store.resources().findByName("instance", "team", "llama").orElseThrow();
            assertThat(llama.spec()).contains("8080");
            assertThat(llama.labels()).isEqualTo(Map.of("backend_type", "llama_cpp"));
            assertThat(llama.status()).isEqualTo("stopped");
            assertThat(store.resources().findByName("instance", null, "vllm")).isPresent();
        }
        assertThat(Files.exists(archive.resolve("a.json"))).isTrue();
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("nothing to import");
    }

    @Test
    void aBadFileIsNamedAndNothingIsWritten() throws IOException {
        Files.writeString(legacy.resolve("a.json"), "{\"name\": \"ok\"}");
        Files.writeString(legacy.resolve("b.json"), "{\"name\": \"x\", \"labels\": {\"backend_type\": \"mlx_lm\"}}");
        Files.writeString(legacy.resolve("c.json"), "{\"nam\": \"typo\"}");

        // Every file is read and mapped before anything is written: the malformed one stops it first.
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).contains("c.json", "unknown field nam");
        Files.delete(legacy.resolve("c.json"));
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).contains("b.json", "labels.backend_type");
        try (Datastore store = Persistence.open(url)) {
            assertThat(store.resources().changesSince(0, 10)).isEmpty();
        }
        assertThat(Files.exists(legacy.resolve("a.json"))).isTrue();
        assertThat(Files.exists(archive)).isFalse();
    }
}
