package io.opstate.sqlite.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an SQLite store keeps artifact blobs when the host names no root, and that they outlive the process's handle. */
class ArtifactRootTest {
    private static final byte[] CONTENT = "line\n".repeat(5000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    @Test
    void besideTheDatabaseFileByDefaultAndReadAfterReopening() throws IOException {
        Path file = folder.resolve("app.db");
        Artifact artifact;
        try (Datastore store = Persistence.open("jdbc:sqlite:" + file)) {
            artifact = put(store);
        }
        Path root = folder.resolve("app.db.artifacts");
        assertThat(blobsUnder(root)).hasSize(1);

        try (Datastore store = Persistence.open("jdbc:sqlite:" + file); InputStream in = store.artifacts().open(artifact.id())) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
    }

    @Test
    void aConfiguredRootWinsOverTheDefault() throws IOException {
        Path root = folder.resolve("elsewhere");
        try (Datastore store = Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + folder.resolve("app.db"))
                .artifactRoot(root.toString()).build())) {
            put(store);
        }
        assertThat(blobsUnder(root)).hasSize(1);
        assertThat(folder.resolve("app.db.artifacts")).doesNotExist();
    }

    @Test
    void aTemporaryStoreKeepsBlobsInATemporaryDirectoryDeletedOnClose() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Datastore store = Persistence.open("jdbc:sqlite:");
        Artifact artifact = put(store);
        try (InputStream in = store.artifacts().open(artifact.id())) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
        Path root = findRootHolding(tmp, artifact.sha256());
        assertThat(root).isNotNull();
        store.close();
        assertThat(root).doesNotExist();
    }

    private static Artifact put(Datastore store) {
        store.constructs().create(NewConstruct.of("plan", "draft").withId("c1"));
        return store.artifacts().put(NewArtifact.of("c1", "command-log", "build.log", "text/plain"),
                new ByteArrayInputStream(CONTENT));
    }

    private static java.util.List<Path> blobsUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The temporary artifact root holding the blob of {@code sha256}, or null. */
    private static Path findRootHolding(Path tmp, String sha256) throws IOException {
        try (Stream<Path> roots = Files.list(tmp)) {
            return roots.filter(p -> p.getFileName().toString().startsWith("opstate-artifacts-"))
                    .filter(p -> Files.exists(p.resolve("blobs").resolve(sha256.substring(0, 2))
                            .resolve(sha256.substring(2, 4)).resolve(sha256 + ".zst")))
                    .findFirst().orElse(null);
        }
    }

    @Test
    void databasePlacementIsRefusedAtOpenNamingTheSetting() {
        assertThatThrownBy(() -> Persistence.open(PersistenceConfig.builder("jdbc:sqlite:" + folder.resolve("db-placement.db"))
                .artifactStorage(ArtifactStorage.DATABASE).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PostgreSQL only")
                .extracting("field").isEqualTo("opstate.artifact-storage");
    }
}
