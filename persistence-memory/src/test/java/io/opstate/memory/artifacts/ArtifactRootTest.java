package io.opstate.memory.artifacts;

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

/**
 * A memory store names no artifact root by default: its blobs go to a temporary directory of its
 * own, shared by every handle on a named store and deleted with the store's data when the last
 * handle closes.
 */
class ArtifactRootTest {
    private static final byte[] CONTENT = "memory line\n".repeat(3000).getBytes(StandardCharsets.UTF_8);

    @Test
    void aNamedStoreSharesItsTemporaryRootAndDeletesItWithTheLastHandle() throws IOException {
        String url = "memory:artifact-root-" + System.nanoTime();
        Datastore first = Persistence.open(url);
        Datastore second = Persistence.open(url);
        first.constructs().create(NewConstruct.of("plan", "draft").withId("c1"));
        Artifact artifact = first.artifacts().put(NewArtifact.of("c1", "command-log", "a.log", "text/plain"),
                new ByteArrayInputStream(CONTENT));
        try (InputStream in = second.artifacts().open(artifact.id())) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
        Path root = rootHolding(artifact.sha256());
        assertThat(root).isNotNull();

        first.close();
        assertThat(root).exists();
        second.close();
        assertThat(root).doesNotExist();
    }

    /** The temporary artifact root holding the blob of {@code sha256}, or null. */
    private static Path rootHolding(String sha256) throws IOException {
        try (Stream<Path> roots = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return roots.filter(p -> p.getFileName().toString().startsWith("opstate-artifacts-"))
                    .filter(p -> Files.exists(p.resolve("blobs").resolve(sha256.substring(0, 2))
                            .resolve(sha256.substring(2, 4)).resolve(sha256 + ".zst")))
                    .findFirst().orElse(null);
        }
    }

    @Test
    void databasePlacementIsRefusedAtOpenNamingTheSetting() {
        assertThatThrownBy(() -> Persistence.open(PersistenceConfig.builder("memory:")
                .artifactStorage(ArtifactStorage.DATABASE).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PostgreSQL only")
                .extracting("field").isEqualTo("opstate.artifact-storage");
    }
}
