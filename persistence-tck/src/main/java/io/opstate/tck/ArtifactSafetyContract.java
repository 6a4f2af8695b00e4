package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.StorageUnavailableException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactContentException;
import io.opstate.artifacts.ArtifactIntegrityException;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What protects artifacts: bad input writes nothing, a failing stream leaves no row and no
 * file, damaged blobs are caught when read and by the integrity check, garbage collection never
 * takes a blob a concurrent put has just referenced, and nothing under the root leads out of it.
 */
public abstract class ArtifactSafetyContract extends ArtifactSupport {
    @Test
    @DisplayName("hostile names are refused naming the field, before anything is read or written")
    void hostileNames() {
        List<String> hostile = List.of("../etc/passwd", "a/b", "a\\b", "..", ".", "x..y", "/abs", "C:\\x",
                "nul\u0000byte", "tab\there", "line\nbreak", "CON", "con.txt", "Nul", "COM1", "lpt9.log", "AUX",
                "", "  ", "x".repeat(256));
        for (String name : hostile) {
            assertThatThrownBy(() -> artifacts().put(NewArtifact.of("c1", "command-log", name, LOG),
                    ArtifactContract.unreadable()))
                    .as("name %s", name)
                    .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("name");
        }
        assertThat(artifacts().find("c1", "command-log", "../etc/passwd")).isEmpty();
        assertNothingStored();
        assertThat(put("c1", "command-log", "build (1).log", LOG, logText(1)).name()).isEqualTo("build (1).log");
        assertThat(put("c1", "command-log", "x".repeat(255), LOG, logText(1)).name()).hasSize(255);
        assertThat(put("c1", "command-log", "résumé.日本.log", LOG, logText(1)).name()).isEqualTo("résumé.日本.log");
        assertThat(put("c1", "command-log", "CONSOLE.log", LOG, logText(1)).name()).isEqualTo("CONSOLE.log");
    }

    @Test
    @DisplayName("other bad input is refused naming the field: type, construct id, content type, metadata, declared size, content")
    void badInput() {
        assertRefused("type", NewArtifact.of("c1", "", "a.log", LOG));
        assertRefused("type", NewArtifact.of("c1", "bad\u0001type", "a.log", LOG));
        assertRefused("constructId", NewArtifact.of(null, "command-log", "a.log", LOG));
        assertRefused("contentType", NewArtifact.of("c1", "command-log", "a.log", null));
        assertRefused("contentType", NewArtifact.of("c1", "command-log", "a.log", "plain"));
        assertRefused("contentType", NewArtifact.of("c1", "command-log", "a.log", "text/plain\r\nX-Evil: 1"));
        assertRefused("metadata", NewArtifact.of("c1", "command-log", "a.log", LOG).withMetadata("[1]"));
        assertRefused("metadata", NewArtifact.of("c1", "command-log", "a.log", LOG).withMetadata("{"));
        assertRefused("declaredSize", NewArtifact.of("c1", "command-log", "a.log", LOG).withDeclaredSize(-1));
        assertRefused("id", NewArtifact.of("c1", "command-log", "a.log", LOG).withId(""));
        assertThatThrownBy(() -> artifacts().put(null, new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("artifact");
        assertThatThrownBy(() -> artifacts().put(NewArtifact.of("c1", "command-log", "a.log", LOG), null))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("content");
        assertThatThrownBy(() -> artifacts().list("c1", "bad\u0000", PageRequest.first()))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("type");
        assertThatThrownBy(() -> artifacts().checkIntegrity(ArtifactCheck.sampled(-1)))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("sample");
        assertNothingStored();
    }

    private void assertRefused(String field, NewArtifact artifact) {
        assertThatThrownBy(() -> artifacts().put(artifact, ArtifactContract.unreadable()))
                .as("%s", artifact).isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo(field);
    }

    @Test
    @DisplayName("a stream that throws halfway: the host's failure as the cause, no row, no blob, no temporary file")
    void streamFailsHalfway() {
        IOException broken = new IOException("connection reset");
        InputStream halfway = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (served > 300_000) {
                    throw broken;
                }
                int n = Math.min(length, 1000);
                served += n;
                return n;
            }
        };
        assertThatThrownBy(() -> artifacts().put(NewArtifact.of("c1", "command-log", "a.log", LOG), halfway))
                .isInstanceOf(ArtifactContentException.class).hasCause(broken);
        assertNothingStored();
    }

    @Test
    @DisplayName("a declared size the content does not match, shorter or longer: refused naming declaredSize, nothing stored")
    void declaredSizeMismatch() {
        byte[] log = logText(100);
        for (long declared : new long[] {log.length - 1, log.length + 1, 0}) {
            assertThatThrownBy(() -> artifacts().put(NewArtifact.of("c1", "command-log", "a.log", LOG)
                    .withDeclaredSize(declared), new ByteArrayInputStream(log)))
                    .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("declaredSize");
        }
        assertNothingStored();
        assertThat(artifacts().put(NewArtifact.of("c1", "command-log", "a.log", LOG).withDeclaredSize(log.length),
                new ByteArrayInputStream(log)).size()).isEqualTo(log.length);
    }

    @Test
    @DisplayName("a blob changed on disk, same length: reading to the end raises the integrity error, never a clean end of stream")
    void corruptedBlobCaughtOnRead() throws IOException {
        byte[] noise = randomBytes(200_000, 5);
        Artifact binary = put("c1", "bundle", "diff.bin", BINARY, noise);
        Artifact text = put("c1", "command-log", "build.log", LOG, logText(3000));
        blobs().flipByte(blobOf(binary), 150_000);
        blobs().flipByte(blobOf(text), (int) text.storedSize() / 2);

        for (Artifact damaged : List.of(binary, text)) {
            assertThatThrownBy(() -> readAll(artifacts().open(damaged.id())))
                    .isInstanceOf(ArtifactIntegrityException.class)
                    .satisfies(e -> assertThat(((ArtifactIntegrityException) e).artifactId()).isEqualTo(damaged.id()))
                    .satisfies(e -> assertThat(((ArtifactIntegrityException) e).sha256()).isEqualTo(damaged.sha256()));
        }
    }

    @Test
    @DisplayName("a blob deleted or truncated on disk: open raises the integrity error")
    void missingBlobCaughtOnOpen() throws IOException {
        Artifact deleted = put("c1", "command-log", "a.log", LOG, logText(100));
        Artifact truncated = put("c1", "bundle", "b.bin", BINARY, randomBytes(10_000, 6));
        blobs().remove(blobOf(deleted));
        blobs().truncate(blobOf(truncated), 5000);

        for (Artifact damaged : List.of(deleted, truncated)) {
            assertThatThrownBy(() -> artifacts().open(damaged.id())).isInstanceOf(ArtifactIntegrityException.class);
            assertThatThrownBy(() -> artifacts().open(damaged.id(), 0, 10)).isInstanceOf(ArtifactIntegrityException.class);
        }
    }

    @Test
    @DisplayName("a put of content whose plain blob was truncated stores it whole again, which heals the earlier artifact")
    void putReplacesTruncatedBlob() throws IOException {
        byte[] noise = randomBytes(50_000, 9);
        Artifact first = put("c1", "bundle", "a.bin", BINARY, noise);
        blobs().truncate(blobOf(first), 1000);
        assertThatThrownBy(() -> artifacts().open(first.id())).isInstanceOf(ArtifactIntegrityException.class);

        Artifact second = put("c1", "bundle", "b.bin", BINARY, noise);
        assertThat(readAll(artifacts().open(second.id()))).isEqualTo(noise);
        assertThat(readAll(artifacts().open(first.id()))).isEqualTo(noise);
    }

    @Test
    @DisplayName("integrity check: finds missing, orphan and corrupt blobs, full and sampled; repair removes only old orphans")
    void integrityCheck() throws IOException {
        Artifact fine = put("c1", "command-log", "fine.log", LOG, logText(10));
        Artifact missing = put("c1", "command-log", "missing.log", LOG, logText(20));
        Artifact corrupt = put("c1", "bundle", "corrupt.bin", BINARY, randomBytes(5000, 7));
        Artifact oldOrphan = put("c2", "command-log", "old.log", LOG, logText(30));
        Artifact youngOrphan = put("c2", "command-log", "young.log", LOG, logText(40));
        artifacts().deleteAllOf("c2");
        age(blobOf(oldOrphan), Duration.ofHours(2));
        blobs().remove(blobOf(missing));
        blobs().flipByte(blobOf(corrupt), 100);

        ArtifactIntegrityReport full = artifacts().checkIntegrity(ArtifactCheck.full());
        assertThat(full.full()).isTrue();
        assertThat(full.rowsChecked()).isEqualTo(3);
        assertThat(full.blobs()).isEqualTo(4);
        assertThat(full.blobsChecked()).isEqualTo(4);
        assertThat(full.missingBlobs()).containsExactly(missing.id());
        assertThat(full.corruptBlobs()).containsExactly(corrupt.sha256());
        assertThat(full.orphanBlobs()).containsExactlyInAnyOrder(oldOrphan.sha256(), youngOrphan.sha256());
        assertThat(full.orphansRemoved()).isZero();
        assertThat(full.healthy()).isFalse();
        assertThat(blobFiles()).hasSize(4);

        ArtifactIntegrityReport sampled = artifacts().checkIntegrity(ArtifactCheck.sampled(2));
        assertThat(sampled.full()).isFalse();
        assertThat(sampled.blobsChecked()).isEqualTo(2);
        assertThat(sampled.rowsChecked()).isEqualTo(2);
        assertThat(sampled.orphanBlobs()).hasSize(2);

        ArtifactIntegrityReport repaired = artifacts().checkIntegrity(ArtifactCheck.full().withRepair());
        assertThat(repaired.orphansRemoved()).isEqualTo(1);
        assertThat(repaired.orphansKept()).isEqualTo(1);
        assertThat(blobFiles()).doesNotContain(blobOf(oldOrphan)).contains(blobOf(youngOrphan), blobOf(fine));
        assertThat(repaired.missingBlobs()).containsExactly(missing.id());
        assertThat(readAll(artifacts().open(fine.id()))).isEqualTo(logText(10));
    }

    @Test
    @DisplayName("integrity check of a sound store: healthy, nothing listed")
    void integrityOfSoundStore() {
        put("c1", "command-log", "a.log", LOG, logText(10));
        put("c2", "command-log", "a.log", LOG, logText(10));

        ArtifactIntegrityReport report = artifacts().checkIntegrity(ArtifactCheck.full().withRepair());
        assertThat(report.healthy()).isTrue();
        assertThat(report.blobs()).isEqualTo(1);
        assertThat(report.rowsChecked()).isEqualTo(2);
        assertThat(report.orphanBlobs()).isEmpty();
        assertThat(report.corruptBlobs()).isEmpty();
    }

    @Test
    @DisplayName("garbage collection running while 8 threads put content whose old blob it is collecting deletes nothing referenced")
    void collectionRacingPuts() throws Exception {
        for (int round = 0; round < 5; round++) {
            byte[] log = logText(2000 + round);
            Artifact old = put("c1", "command-log", "old-" + round + ".log", LOG, log);
            artifacts().delete(old.id());
            age(blobOf(old), Duration.ofHours(2));
            AtomicBoolean putting = new AtomicBoolean(true);
            AtomicLong collected = new AtomicLong();
            Thread collector = new Thread(() -> {
                while (putting.get()) {
                    collected.addAndGet(artifacts().collectGarbage());
                }
            });
            collector.start();
            int r = round;
            List<Artifact> put;
            try {
                put = onAllThreads(() -> put("c1", "command-log", "r" + r + "-" + Thread.currentThread().getName(),
                        LOG, log));
            } finally {
                putting.set(false);
                collector.join();
            }
            artifacts().collectGarbage();
            for (Artifact artifact : put) {
                assertThat(readAll(artifacts().open(artifact.id()))).isEqualTo(log);
            }
            assertThat(collected.get()).isLessThanOrEqualTo(1);
        }
        assertThat(artifacts().checkIntegrity(ArtifactCheck.full()).healthy()).isTrue();
    }

    @Test
    @DisplayName("a symbolic link planted where a blob goes, or as a directory of the layout, is never followed out of the root")
    void symlinksNotFollowed() throws IOException {
        assumeTrue(blobsAreFiles(), "blobs are not files here");
        Path outside = Files.createDirectories(root.resolve("outside"));
        byte[] secret = logText(10);
        Path secretFile = Files.write(outside.resolve("secret"), secret);
        Artifact artifact = put("c1", "command-log", "a.log", LOG, secret);
        Path blob = ((FileBlobs) blobs()).path(blobOf(artifact));
        Files.delete(blob);
        Files.createSymbolicLink(blob, secretFile);

        assertThatThrownBy(() -> readAll(artifacts().open(artifact.id()))).isInstanceOf(ArtifactIntegrityException.class);
        assertThat(artifacts().checkIntegrity(ArtifactCheck.full()).missingBlobs()).containsExactly(artifact.id());

        byte[] other = logText(77);
        String sha = sha256(other);
        Path shard = artifactRoot().resolve("blobs").resolve(sha.substring(0, 2));
        if (!Files.exists(shard)) {
            Files.createSymbolicLink(shard, outside);
            assertThatThrownBy(() -> put("c1", "command-log", "b.log", LOG, other))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThat(artifacts().find("c1", "command-log", "b.log")).isEmpty();
            try (var listing = Files.list(outside)) {
                assertThat(listing.toList()).containsExactly(secretFile);
            }
        }
        assertThat(artifacts().collectGarbage(Duration.ofMinutes(1))).isZero();
        assertThat(secretFile).exists().hasBinaryContent(secret);
    }

    private void assertNothingStored() {
        assertThat(artifacts().list("c1", null, PageRequest.first()).items()).isEmpty();
        assertThat(artifacts().totals()).isEqualTo(ArtifactUsage.NONE);
        assertThat(blobFiles()).isEmpty();
        assertThat(tempFiles()).isEmpty();
    }
}
