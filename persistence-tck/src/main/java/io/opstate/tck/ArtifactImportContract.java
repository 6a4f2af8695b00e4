package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.imports.ImportedBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Artifacts brought in as they were ({@link io.opstate.imports.RecordImport#importBlob} then
 * {@link io.opstate.imports.RecordImport#importArtifacts}): the content is stored first, checked
 * against its SHA-256 and size, and the rows keep every field; a row whose blob the store lacks
 * is refused naming it, a batch is atomic, and the usage sums stay those of the rows.
 */
public abstract class ArtifactImportContract extends ArtifactSupport {
    private static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.123456Z");

    private ImportedBlob importBlob(byte[] content, ArtifactCompression compression) {
        return store.records().importBlob(sha256(content), content.length, compression,
                new ByteArrayInputStream(content));
    }

    /** A row of {@code c1} for {@code content} stored as {@code blob}. */
    private static Artifact row(String id, String type, String name, byte[] content, ImportedBlob blob) {
        return new Artifact(id, "c1", type, name, LOG, null, sha256(content), content.length, blob.storedSize(),
                blob.compression(), CREATED);
    }

    @Test
    @DisplayName("importBlob stores content compressed when asked and it pays, else as it is; importArtifacts keeps every field")
    void importKeepsEverything() {
        byte[] log = logText(2_000);
        byte[] noise = randomBytes(60_000, 3);
        ImportedBlob compressed = importBlob(log, ArtifactCompression.ZSTD);
        ImportedBlob plainText = importBlob(logText(300), ArtifactCompression.NONE);
        ImportedBlob binary = importBlob(noise, ArtifactCompression.ZSTD);

        assertThat(compressed.compression()).isEqualTo(ArtifactCompression.ZSTD);
        assertThat(compressed.storedSize()).isLessThan(log.length / 4);
        assertThat(compressed.reused()).isFalse();
        assertThat(plainText.compression()).as("NONE asks for no compression").isEqualTo(ArtifactCompression.NONE);
        assertThat(binary.compression()).as("noise does not compress").isEqualTo(ArtifactCompression.NONE);
        assertThat(binary.storedSize()).isEqualTo(noise.length);
        Artifact first = new Artifact("imp-1", "c1", "command-log", "build.log", LOG, "{\"exit\": 0}", sha256(log),
                log.length, compressed.storedSize(), compressed.compression(), CREATED);
        Artifact second = row("imp-2", "bundle", "noise.bin", noise, binary);

        List<Artifact> imported = store.records().importArtifacts(List.of(first, second));

        assertThat(imported).hasSize(2);
        Artifact stored = artifacts().get("imp-1");
        assertThat(stored).usingRecursiveComparison().ignoringFields("metadata").isEqualTo(first);
        JsonAssert.assertJsonEquals("{\"exit\": 0}", stored.metadata());
        assertThat(artifacts().get("imp-2")).isEqualTo(second);
        assertThat(imported.get(1)).isEqualTo(second);
        assertThat(readAll(artifacts().open("imp-1"))).isEqualTo(log);
        assertThat(readAll(artifacts().open("imp-2"))).isEqualTo(noise);
        assertThat(blobFiles()).contains(blobOf(first), blobOf(second));
        assertThat(artifacts().usageByType("c1")).isEqualTo(Map.of(
                "bundle", new ArtifactUsage(1, noise.length, noise.length),
                "command-log", new ArtifactUsage(1, log.length, compressed.storedSize())));
        assertThat(artifacts().totals()).isEqualTo(new ArtifactUsage(2, log.length + noise.length,
                compressed.storedSize() + noise.length));
    }

    @Test
    @DisplayName("importBlob of content the store holds returns the stored form and reads nothing")
    void storedContentIsNotRead() {
        byte[] log = logText(1_000);
        Artifact put = put("c1", "command-log", "a.log", LOG, log);
        InputStream unreadable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("must not be read");
            }
        };

        ImportedBlob blob = store.records().importBlob(put.sha256(), log.length, ArtifactCompression.NONE, unreadable);

        assertThat(blob.reused()).isTrue();
        assertThat(blob.compression()).isEqualTo(put.compression());
        assertThat(blob.storedSize()).isEqualTo(put.storedSize());
        store.records().importArtifacts(List.of(row("imp-1", "command-log", "b.log", log, blob)));
        assertThat(readAll(artifacts().open("imp-1"))).isEqualTo(log);
        assertThat(artifacts().usage("c1")).isEqualTo(new ArtifactUsage(2, 2L * log.length, 2 * put.storedSize()));
    }

    @Test
    @DisplayName("importBlob refuses content whose SHA-256 or length differs, naming content, and stores nothing")
    void mismatchedContentRefused() {
        byte[] log = logText(500);
        assertRejected("content", () -> store.records().importBlob(sha256(new byte[] {1}), log.length,
                ArtifactCompression.ZSTD, new ByteArrayInputStream(log)));
        assertRejected("content", () -> store.records().importBlob(sha256(log), log.length + 1,
                ArtifactCompression.NONE, new ByteArrayInputStream(log)));
        assertRejected("content", () -> store.records().importBlob(sha256(log), log.length - 1,
                ArtifactCompression.NONE, new ByteArrayInputStream(log)));
        assertRejected("sha256", () -> store.records().importBlob(sha256(log).toUpperCase(java.util.Locale.ROOT),
                log.length, ArtifactCompression.NONE, new ByteArrayInputStream(log)));
        assertRejected("size", () -> store.records().importBlob(sha256(log), -1, ArtifactCompression.NONE,
                new ByteArrayInputStream(log)));
        assertThat(blobFiles()).isEmpty();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    @DisplayName("importArtifacts refuses a row whose blob the store lacks, naming artifacts[i].sha256, and writes none of the batch")
    void missingBlobRefused() {
        byte[] log = logText(400);
        ImportedBlob blob = importBlob(log, ArtifactCompression.ZSTD);
        Artifact good = row("imp-1", "command-log", "a.log", log, blob);
        byte[] absent = "never stored".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Artifact orphan = new Artifact("imp-2", "c1", "command-log", "b.log", LOG, null, sha256(absent),
                absent.length, absent.length, ArtifactCompression.NONE, CREATED);
        ArtifactCompression otherForm = blob.compression() == ArtifactCompression.ZSTD
                ? ArtifactCompression.NONE : ArtifactCompression.ZSTD;

        assertRejected("artifacts[1].sha256", () -> store.records().importArtifacts(List.of(good, orphan)));
        assertRejected("artifacts[0].sha256", () -> store.records().importArtifacts(List.of(new Artifact("imp-3",
                "c1", "command-log", "c.log", LOG, null, sha256(log), log.length,
                otherForm == ArtifactCompression.NONE ? log.length : blob.storedSize(), otherForm, CREATED))));
        if (blob.compression() == ArtifactCompression.ZSTD) {
            assertRejected("artifacts[0].storedSize", () -> store.records().importArtifacts(List.of(new Artifact(
                    "imp-4", "c1", "command-log", "d.log", LOG, null, sha256(log), log.length,
                    blob.storedSize() + 1, ArtifactCompression.ZSTD, CREATED))));
        }
        assertThat(artifacts().find("imp-1")).isEmpty();
        assertThat(artifacts().usage("c1")).isEqualTo(ArtifactUsage.NONE);
    }

    @Test
    @DisplayName("importArtifacts checks fields as put does, and an uncompressed row's stored size is its size")
    void fieldsChecked() {
        byte[] log = logText(100);
        ImportedBlob blob = importBlob(log, ArtifactCompression.NONE);
        Artifact valid = row("imp-1", "command-log", "a.log", log, blob);

        assertRejected("artifacts[0].name", () -> store.records().importArtifacts(List.of(new Artifact("imp-1", "c1",
                "command-log", "../a.log", LOG, null, valid.sha256(), valid.size(), valid.storedSize(),
                valid.compression(), CREATED))));
        assertRejected("artifacts[0].contentType", () -> store.records().importArtifacts(List.of(new Artifact(
                "imp-1", "c1", "command-log", "a.log", "text", null, valid.sha256(), valid.size(), valid.storedSize(),
                valid.compression(), CREATED))));
        assertRejected("artifacts[0].metadata", () -> store.records().importArtifacts(List.of(new Artifact(
                "imp-1", "c1", "command-log", "a.log", LOG, "[1]", valid.sha256(), valid.size(), valid.storedSize(),
                valid.compression(), CREATED))));
        assertRejected("artifacts[0].storedSize", () -> store.records().importArtifacts(List.of(new Artifact(
                "imp-1", "c1", "command-log", "a.log", LOG, null, valid.sha256(), valid.size(), valid.size() + 1,
                ArtifactCompression.NONE, CREATED))));
        assertRejected("artifacts[0].sha256", () -> store.records().importArtifacts(List.of(new Artifact(
                "imp-1", "c1", "command-log", "a.log", LOG, null, "xyz", valid.size(), valid.storedSize(),
                valid.compression(), CREATED))));
        assertRejected("artifacts[0].createdAt", () -> store.records().importArtifacts(List.of(new Artifact(
                "imp-1", "c1", "command-log", "a.log", LOG, null, valid.sha256(), valid.size(), valid.storedSize(),
                valid.compression(), null))));
        assertThat(store.records().importArtifacts(List.of(valid))).containsExactly(valid);
    }

    @Test
    @DisplayName("a batch is atomic: a taken name, a taken id or an unknown construct late in it writes nothing")
    void batchIsAtomic() {
        byte[] log = logText(300);
        Artifact existing = put("c1", "command-log", "taken.log", LOG, log);
        ImportedBlob blob = importBlob(log, ArtifactCompression.ZSTD);
        Artifact fresh = row("imp-1", "command-log", "fresh.log", log, blob);
        ArtifactUsage before = artifacts().usage("c1");

        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importArtifacts(List.of(fresh,
                row("imp-2", "command-log", "taken.log", log, blob))));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importArtifacts(List.of(fresh,
                row(existing.id(), "command-log", "other.log", log, blob))));
        assertFailsUnchanged(DuplicateKeyException.class, () -> store.records().importArtifacts(List.of(fresh,
                row("imp-2", "command-log", "fresh.log", log, blob))));
        assertFailsUnchanged(NotFoundException.class, () -> store.records().importArtifacts(List.of(fresh,
                new Artifact("imp-2", "nope", "command-log", "x.log", LOG, null, fresh.sha256(), fresh.size(),
                        fresh.storedSize(), fresh.compression(), CREATED))));
        assertThat(artifacts().find("imp-1")).isEmpty();
        assertThat(artifacts().usage("c1")).isEqualTo(before);
    }

    @Test
    @DisplayName("the usage sums follow imported rows through deletes, as they follow puts")
    void usageFollowsImportedRows() {
        byte[] log = logText(700);
        byte[] noise = randomBytes(20_000, 9);
        ImportedBlob text = importBlob(log, ArtifactCompression.ZSTD);
        ImportedBlob binary = importBlob(noise, ArtifactCompression.NONE);
        store.records().importArtifacts(List.of(row("imp-1", "command-log", "a.log", log, text),
                row("imp-2", "command-log", "b.log", log, text), row("imp-3", "bundle", "c.bin", noise, binary)));
        Artifact put = put("c1", "bundle", "d.bin", BINARY, noise);

        assertThat(artifacts().usageByType("c1")).isEqualTo(Map.of(
                "command-log", new ArtifactUsage(2, 2L * log.length, 2 * text.storedSize()),
                "bundle", new ArtifactUsage(2, 2L * noise.length, binary.storedSize() + put.storedSize())));
        artifacts().delete("imp-2");
        artifacts().delete("imp-3");
        assertThat(artifacts().usageByType("c1")).isEqualTo(Map.of(
                "command-log", new ArtifactUsage(1, log.length, text.storedSize()),
                "bundle", new ArtifactUsage(1, noise.length, put.storedSize())));
        assertThat(artifacts().deleteAllOf("c1")).isEqualTo(2);
        assertThat(artifacts().totals()).isEqualTo(ArtifactUsage.NONE);
    }

    @Test
    @DisplayName("a blob imported for rows that never came is collected by garbage collection after its grace")
    void unreferencedImportedBlobIsCollected() {
        byte[] log = logText(200);
        ImportedBlob blob = importBlob(log, ArtifactCompression.ZSTD);
        String name = blob.compression() == ArtifactCompression.ZSTD ? blob.sha256() + ".zst" : blob.sha256();

        assertThat(artifacts().collectGarbage()).as("still within its grace").isZero();
        age(name, Duration.ofHours(2));
        assertThat(artifacts().collectGarbage()).isEqualTo(1);
        assertThat(blobFiles()).isEmpty();
    }
}
