package io.opstate.postgres.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactContentException;
import io.opstate.artifacts.ArtifactIntegrityException;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.NewConstruct;
import io.opstate.postgres.testing.DatabaseBlobRows;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blobs kept in the database: how they are cut into chunks, shared between puts of the same
 * content, and what a put that died (or failed) leaves for garbage collection.
 */
class DatabaseBlobPlacementTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private String schema;
    private DatabaseBlobRows blobs;
    private Datastore store;

    @BeforeEach
    void open() {
        schema = DATABASE.newSchema();
        blobs = new DatabaseBlobRows(schema);
        store = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .timeSource(TimeSource.HOST).artifactStorage(ArtifactStorage.DATABASE).build());
        store.constructs().create(NewConstruct.of("plan", "draft").withId("c1"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void contentIsCutIntoFullChunksAndAShorterLastOneStoredOnceForEveryPutOfIt() throws IOException {
        byte[] content = new byte[DatabaseBlobRows.CHUNK * 2 + DatabaseBlobRows.CHUNK / 2];
        new Random(1).nextBytes(content);

        Artifact first = put("a.bin", new ByteArrayInputStream(content));
        Artifact second = put("b.bin", new ByteArrayInputStream(content));

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(PostgresTestDatabase.count(schema, "opstate_artifact_blobs")).isEqualTo(1);
        assertThat(PostgresTestDatabase.count(schema, "opstate_artifact_blob_chunks")).isEqualTo(3);
        assertThat(blobs.storedSize(first.sha256())).isEqualTo(content.length);
        try (InputStream in = store.artifacts().open(second.id())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aStreamFailingAfterSomeChunksLeavesNoRowAndNoUpload() {
        byte[] chunkAndAHalf = new byte[DatabaseBlobRows.CHUNK * 3 / 2];
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(chunkAndAHalf), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> put("a.bin", failing)).isInstanceOf(ArtifactContentException.class);

        assertThat(store.artifacts().find("c1", "bundle", "a.bin")).isEmpty();
        assertThat(PostgresTestDatabase.count(schema, "opstate_artifact_blobs")).isZero();
        assertThat(PostgresTestDatabase.count(schema, "opstate_artifact_blob_chunks")).isZero();
    }

    @Test
    void anUploadAPutLeftWhenItDiedIsCollectedOnceOlderThanTheGracePeriod() {
        blobs.update("INSERT INTO " + schema + ".opstate_artifact_blobs (id, touched_at) VALUES ('dead', now()),"
                + " ('alive', now())");
        blobs.update("INSERT INTO " + schema + ".opstate_artifact_blob_chunks (blob_id, chunk, data) VALUES"
                + " ('dead', 0, '\\x0102'), ('alive', 0, '\\x0304')");
        blobs.ageUpload("dead", Duration.ofHours(2));

        assertThat(store.artifacts().checkIntegrity(ArtifactCheck.full()).healthy()).isTrue();
        store.artifacts().collectGarbage();

        assertThat(blobs.leftovers()).containsExactly("alive");
        assertThat(PostgresTestDatabase.count(schema, "opstate_artifact_blob_chunks")).isEqualTo(1);
        blobs.ageUpload("alive", Duration.ofHours(2));
        store.artifacts().checkIntegrity(ArtifactCheck.full().withRepair());
        assertThat(blobs.leftovers()).isEmpty();
    }

    @Test
    void aChunkChangedBySqlFailsTheReadAndTheCheckNamesTheBlob() {
        byte[] content = new byte[DatabaseBlobRows.CHUNK + 10];
        new Random(2).nextBytes(content);
        Artifact artifact = put("a.bin", new ByteArrayInputStream(content));
        blobs.flipByte(artifact.sha256(), DatabaseBlobRows.CHUNK + 3);

        assertThatThrownBy(() -> store.artifacts().open(artifact.id()).readAllBytes())
                .isInstanceOf(ArtifactIntegrityException.class);
        assertThat(store.artifacts().checkIntegrity(ArtifactCheck.full()).corruptBlobs())
                .containsExactly(artifact.sha256());
    }

    private Artifact put(String name, InputStream content) {
        return store.artifacts().put(NewArtifact.of("c1", "bundle", name, "application/octet-stream"), content);
    }
}
