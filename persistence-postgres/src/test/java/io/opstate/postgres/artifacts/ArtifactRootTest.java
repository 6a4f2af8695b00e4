package io.opstate.postgres.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL store has no default artifact root: hosts on several machines must share one,
 * which only the operator can name. Without it the store works, and artifact calls that need
 * blobs say which setting is missing.
 */
class ArtifactRootTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void withoutARootPutsAreRefusedNamingTheSetting() {
        try (Datastore store = Persistence.open(DATABASE.freshStore().build())) {
            store.constructs().create(NewConstruct.of("plan", "draft").withId("c1"));

            assertThatThrownBy(() -> store.artifacts().put(NewArtifact.of("c1", "command-log", "a.log", "text/plain"),
                    new ByteArrayInputStream(new byte[] {1})))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("OPSTATE_ARTIFACT_ROOT")
                    .hasMessageContaining("opstate.artifact-storage=database")
                    .extracting("field").isEqualTo("opstate.artifact-root");
            assertThatThrownBy(() -> store.artifacts().collectGarbage())
                    .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("opstate.artifact-root");
            assertThat(store.artifacts().usage("c1")).isEqualTo(ArtifactUsage.NONE);
            assertThat(store.artifacts().find("nope")).isEmpty();
        }
    }

    @Test
    void aRootBesideDatabasePlacementIsRefusedAtOpenNamingTheStorageSetting() {
        assertThatThrownBy(() -> Persistence.open(DATABASE.freshStore().artifactStorage(ArtifactStorage.DATABASE)
                .artifactRoot("/var/lib/app/artifacts").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("opstate.artifact-root")
                .extracting("field").isEqualTo("opstate.artifact-storage");
    }

    @Test
    void databasePlacementNeedsNoRootAndIsReadFromTheEnvironmentStyleProperty() {
        try (Datastore store = Persistence.open(DATABASE.freshStore().set("opstate.artifact-storage", "database")
                .build())) {
            store.constructs().create(NewConstruct.of("plan", "draft").withId("c1"));
            var artifact = store.artifacts().put(NewArtifact.of("c1", "command-log", "a.log", "text/plain"),
                    new ByteArrayInputStream(new byte[] {1, 2, 3}));

            assertThat(store.artifacts().open(artifact.id())).hasBinaryContent(new byte[] {1, 2, 3});
        }
    }
}
