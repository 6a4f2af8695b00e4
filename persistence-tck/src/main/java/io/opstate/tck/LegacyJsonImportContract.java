package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.opstate.PageRequest;
import io.opstate.resources.ImportFileException;
import io.opstate.resources.LegacyJsonImport;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-time import of a directory of legacy JSON files as resources: all or nothing, then archived. */
public abstract class LegacyJsonImportContract extends TckSupport {
    /** The host's mapping in these tests: the file name without {@code .json} names it, the text is its spec. */
    private static final LegacyJsonImport.Mapping MAPPING = (fileName, json) ->
            NewResource.of(kindOf(json), fileName.substring(0, fileName.length() - ".json".length())).withSpec(json);

    @TempDir
    Path importFolder;
    private Path legacy;
    private Path archive;

    private static String kindOf(String json) {
        return json.contains("\"deployment\"") ? "deployment" : "instance";
    }

    @BeforeEach
    void folders() throws IOException {
        legacy = Files.createDirectories(importFolder.resolve("instances"));
        archive = importFolder.resolve("archive");
        store.resources().declareKind(ResourceKind.of("instance", "stopped", "running"));
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(legacy.resolve(name), text, StandardCharsets.UTF_8);
    }

    private List<String> files(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private List<Resource> stored() {
        return store.resources().list(ResourceQuery.of("instance"), PageRequest.first().oldestFirst()).items();
    }

    @Test
    @DisplayName("every JSON file becomes a resource, the files move to the archive, a second run finds nothing")
    void importsThenArchives() throws IOException {
        write("llama.json", "{\"port\": 8080}");
        write("mlx.json", "{\"port\": 8081}");
        write("notes.txt", "not imported");

        List<Resource> created = LegacyJsonImport.run(store, legacy, archive, MAPPING);

        assertThat(created).extracting(Resource::name).containsExactly("llama", "mlx");
        assertThat(stored()).extracting(Resource::name).containsExactlyInAnyOrder("llama", "mlx");
        assertThat(store.resources().findByName("instance", null, "mlx").orElseThrow().spec()).contains("8081");
        assertThat(files(legacy)).containsExactly("notes.txt");
        assertThat(files(archive)).containsExactly("llama.json", "mlx.json");
        assertThat(LegacyJsonImport.run(store, legacy, archive, MAPPING)).isEmpty();
        assertThat(stored()).hasSize(2);
    }

    @Test
    @DisplayName("with a status mapping each resource is stored in its file's status; a status the kind does not"
            + " allow blocks the import")
    void keepsEachFilesStatus() throws IOException {
        LegacyJsonImport.StatusMapping statusField = (fileName, json) ->
                json.contains("\"status\"") ? json.replaceAll(".*\"status\": *\"([^\"]*)\".*", "$1").strip() : null;
        write("llama.json", "{\"status\": \"running\"}");
        write("mlx.json", "{\"port\": 8081}");
        write("phi.json", "{\"status\": \"stopped\"}");

        List<Resource> created = LegacyJsonImport.run(store, legacy, archive, MAPPING, statusField);

        assertThat(created).extracting(Resource::name, Resource::status)
                .containsExactly(tuple("llama", "running"), tuple("mlx", "stopped"), tuple("phi", "stopped"));
        assertThat(store.resources().findByName("instance", null, "llama").orElseThrow().status()).isEqualTo("running");
        assertThat(files(archive)).containsExactly("llama.json", "mlx.json", "phi.json");

        write("tgi.json", "{\"status\": \"restarting\"}");
        write("vllm.json", "{\"status\": \"running\"}");
        assertThatThrownBy(() -> LegacyJsonImport.run(store, legacy, archive, MAPPING, statusField))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.field()).isEqualTo("tgi.json");
                    assertThat(e.problem()).contains("status");
                });
        assertThatThrownBy(() -> LegacyJsonImport.run(store, legacy, archive, MAPPING, (fileName, json) -> {
            throw new IllegalArgumentException("unreadable status");
        })).isInstanceOfSatisfying(ImportFileException.class, e -> assertThat(e.problem()).contains("unreadable status"));
        assertThat(stored()).extracting(Resource::name).containsExactlyInAnyOrder("llama", "mlx", "phi");
        assertThat(files(legacy)).containsExactly("tgi.json", "vllm.json");
    }

    @Test
    @DisplayName("a file of invalid JSON blocks the import: error naming file and problem, no row, files in place")
    void invalidJsonBlocks() throws IOException {
        write("a.json", "{\"port\": 1}");
        write("b.json", "{\"port\": ");
        write("c.json", "{\"port\": 3}");

        assertThatThrownBy(() -> LegacyJsonImport.run(store, legacy, archive, MAPPING))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.field()).isEqualTo("b.json");
                    assertThat(e.problem()).contains("spec");
                });
        assertThat(stored()).isEmpty();
        assertThat(store.resources().changesSince(0, 10)).isEmpty();
        assertThat(files(legacy)).containsExactly("a.json", "b.json", "c.json");
        assertThat(files(archive)).isEmpty();
    }

    @Test
    @DisplayName("a duplicate name, an undeclared kind, a refusing mapping or a non-UTF-8 file each block the import")
    void otherBadFilesBlock() throws IOException {
        store.resources().create(NewResource.of("instance", "taken"));
        write("taken.json", "{}");
        assertThatThrownBy(() -> LegacyJsonImport.run(store, legacy, archive, MAPPING))
                .isInstanceOfSatisfying(ImportFileException.class, e -> assertThat(e.field()).isEqualTo("taken.json"));
        Files.delete(legacy.resolve("taken.json"));

        write("x.json", "{\"type\": \"deployment\"}");
        assertThatThrownBy(() -> LegacyJsonImport.run(store, legacy, archive, MAPPING))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.field()).isEqualTo("x.json");
                    assertThat(e.problem()).contains("kind");
                });
        Files.delete(legacy.resolve("x.json"));

        write("y.json", "{}");
        assertThatThrownBy(() -> LegacyJsonImport.run(store, legacy, archive, (name, json) -> {
            throw new IllegalArgumentException("no name field");
        })).isInstanceOfSatisfying(ImportFileException.class, e -> {
            assertThat(e.field()).isEqualTo("y.json");
            assertThat(e.problem()).contains("no name field");
        });
        Files.write(legacy.resolve("z.json"), new byte[] {'{', (byte) 0xC3, '}'});
        assertThatThrownBy(() -> LegacyJsonImport.run(store, legacy, archive, MAPPING))
                .isInstanceOfSatisfying(ImportFileException.class, e -> assertThat(e.field()).isEqualTo("z.json"));

        assertThat(stored()).extracting(Resource::name).containsExactly("taken");
        assertThat(files(legacy)).containsExactly("y.json", "z.json");
        assertThat(files(archive)).isEmpty();
    }
}
