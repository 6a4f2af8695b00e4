package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Putting, reading, listing, deleting and counting artifacts: content round trips byte for
 * byte, text is compressed when that pays, identical content is stored once, names are unique
 * per construct and type, and the usage sums follow every put and delete.
 */
public abstract class ArtifactContract extends ArtifactSupport {
    @Test
    @DisplayName("put: a text artifact is stored compressed, described by its row, and reads back verified")
    void putText() {
        byte[] log = logText(2000);
        Artifact artifact = artifacts().put(NewArtifact.of("c1", "command-log", "build.log", LOG)
                .withMetadata("{\"exitCode\": 0}").withDeclaredSize(log.length), new ByteArrayInputStream(log));

        assertThat(artifact.constructId()).isEqualTo("c1");
        assertThat(artifact.type()).isEqualTo("command-log");
        assertThat(artifact.name()).isEqualTo("build.log");
        assertThat(artifact.contentType()).isEqualTo(LOG);
        JsonAssert.assertJsonEquals("{\"exitCode\": 0}", artifact.metadata());
        assertThat(artifact.sha256()).isEqualTo(sha256(log));
        assertThat(artifact.size()).isEqualTo(log.length);
        assertThat(artifact.compression()).isEqualTo(ArtifactCompression.ZSTD);
        assertThat(artifact.storedSize()).isLessThan(log.length / 4).isEqualTo(blobs().storedSize(blobOf(artifact)));
        assertThat(artifact.createdAt()).isEqualTo(now());
        assertThat(artifacts().get(artifact.id())).isEqualTo(artifact);
        assertThat(artifacts().find("c1", "command-log", "build.log")).contains(artifact);
        assertThat(readAll(artifacts().open(artifact.id()))).isEqualTo(log);
    }

    @Test
    @DisplayName("put: binary content, and text that does not compress, are stored as put")
    void putUncompressed() {
        byte[] noise = randomBytes(100_000, 1);
        Artifact binary = put("c1", "bundle", "diff.bin", BINARY, noise);
        Artifact text = put("c1", "command-log", "noise.txt", LOG, randomBytes(50_000, 2));

        assertThat(binary.compression()).isEqualTo(ArtifactCompression.NONE);
        assertThat(binary.storedSize()).isEqualTo(noise.length).isEqualTo(blobs().storedSize(blobOf(binary)));
        assertThat(text.compression()).isEqualTo(ArtifactCompression.NONE);
        assertThat(text.storedSize()).isEqualTo(text.size());
        assertThat(readAll(artifacts().open(binary.id()))).isEqualTo(noise);
        assertThat(readAll(artifacts().open(text.id()))).isEqualTo(randomBytes(50_000, 2));
    }

    @Test
    @DisplayName("put: whether text is compressed is decided by its first 128 KiB, so noise typed as text never runs through zstd")
    void compressionDecidedByTheStart() {
        int probe = 128 * 1024;
        byte[] noiseThenLog = concat(randomBytes(probe, 5), logText(20_000));
        byte[] logThenNoise = concat(Arrays.copyOf(logText(3_000), probe), randomBytes(1024 * 1024, 6));
        Artifact noisyStart = put("c1", "command-log", "noise-first.log", LOG, noiseThenLog);
        Artifact textStart = put("c1", "command-log", "text-first.log", LOG, logThenNoise);

        assertThat(noisyStart.compression()).isEqualTo(ArtifactCompression.NONE);
        assertThat(noisyStart.storedSize()).isEqualTo(noiseThenLog.length);
        assertThat(textStart.compression()).isEqualTo(ArtifactCompression.ZSTD);
        assertThat(textStart.storedSize()).isLessThan(logThenNoise.length);
        assertThat(readAll(artifacts().open(noisyStart.id()))).isEqualTo(noiseThenLog);
        assertThat(readAll(artifacts().open(textStart.id()))).isEqualTo(logThenNoise);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    @DisplayName("put: empty content is an artifact like any other")
    void putEmpty() {
        Artifact empty = put("c1", "command-log", "empty.log", LOG, new byte[0]);

        assertThat(empty.size()).isZero();
        assertThat(empty.sha256()).isEqualTo(sha256(new byte[0]));
        assertThat(readAll(artifacts().open(empty.id()))).isEmpty();
    }

    @Test
    @DisplayName("put: identical content is stored once, however many artifacts of however many constructs name it")
    void dedup() {
        byte[] log = logText(500);
        Artifact first = put("c1", "command-log", "a.log", LOG, log);
        Artifact second = put("c1", "command-log", "b.log", LOG, log);
        Artifact third = put("c2", "export", "a.log", "text/markdown", log);

        assertThat(List.of(second.sha256(), third.sha256())).containsOnly(first.sha256());
        assertThat(blobFiles()).containsExactly(blobOf(first));
        assertThat(readAll(artifacts().open(third.id()))).isEqualTo(log);
    }

    @Test
    @DisplayName("put and open: 3 MB of content, more than one chunk where blobs are chunked, round trips whole, and ranges across chunk boundaries read right")
    void severalChunks() {
        byte[] noise = randomBytes(3 * 1024 * 1024 + 12_345, 11);
        byte[] log = logText(120_000);
        Artifact binary = put("c1", "bundle", "big.bin", BINARY, noise);
        Artifact text = put("c1", "command-log", "big.log", LOG, log);

        assertThat(binary.storedSize()).isEqualTo(noise.length);
        assertThat(readAll(artifacts().open(binary.id()))).isEqualTo(noise);
        assertThat(readAll(artifacts().open(text.id()))).isEqualTo(log);
        int boundary = 1024 * 1024;
        assertThat(readAll(artifacts().open(binary.id(), boundary - 100, 200)))
                .isEqualTo(Arrays.copyOfRange(noise, boundary - 100, boundary + 100));
        assertThat(readAll(artifacts().open(binary.id(), 2L * boundary, boundary)))
                .isEqualTo(Arrays.copyOfRange(noise, 2 * boundary, 3 * boundary));
        assertThat(readAll(artifacts().open(binary.id(), noise.length - 10, 100)))
                .isEqualTo(Arrays.copyOfRange(noise, noise.length - 10, noise.length));
        assertThat(readAll(artifacts().open(text.id(), log.length - 5000, 5000)))
                .isEqualTo(Arrays.copyOfRange(log, log.length - 5000, log.length));
    }

    @Test
    @DisplayName("put: 8 threads putting the same content store one blob and 8 rows")
    void concurrentDedup() throws Exception {
        byte[] log = logText(3000);
        List<Artifact> put = onAllThreads(() -> put("c1", "command-log", Thread.currentThread().getName(), LOG, log));

        assertThat(put).hasSize(THREADS).extracting(Artifact::sha256).containsOnly(sha256(log));
        assertThat(blobFiles()).hasSize(1);
        assertThat(tempFiles()).isEmpty();
        for (Artifact artifact : put) {
            assertThat(readAll(artifacts().open(artifact.id()))).isEqualTo(log);
        }
    }

    @Test
    @DisplayName("put: a taken name of the construct and type is refused before the content is read; other types and constructs may use it")
    void uniqueNames() {
        put("c1", "command-log", "build.log", LOG, logText(10));

        assertThatThrownBy(() -> artifacts().put(NewArtifact.of("c1", "command-log", "build.log", LOG), unreadable()))
                .isInstanceOf(DuplicateKeyException.class);
        put("c1", "export", "build.log", LOG, logText(11));
        put("c2", "command-log", "build.log", LOG, logText(12));
        assertThat(artifacts().list("c1", null, PageRequest.first()).items()).hasSize(2);
    }

    @Test
    @DisplayName("put: a taken id is refused, and an unknown construct is not found, before the content is read")
    void refusalsBeforeReading() {
        Artifact artifact = put("c1", "command-log", "build.log", LOG, logText(10));

        assertThatThrownBy(() -> artifacts().put(NewArtifact.of("c1", "command-log", "other.log", LOG)
                .withId(artifact.id()), unreadable())).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> artifacts().put(NewArtifact.of("nope", "command-log", "x.log", LOG), unreadable()))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((NotFoundException) e).entity()).isEqualTo("construct"));
        assertThat(blobFiles()).hasSize(1);
    }

    @Test
    @DisplayName("find and get: unknown ids are empty or not found; open of an unknown id is not found")
    void unknown() {
        assertThat(artifacts().find("nope")).isEmpty();
        assertThat(artifacts().find("c1", "command-log", "nope.log")).isEmpty();
        assertThatThrownBy(() -> artifacts().get("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> artifacts().open("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> artifacts().open("nope", 0, 10)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("open with a range: the bytes from offset, fewer at the end, compressed or not; an offset past the end is refused")
    void ranges() {
        byte[] log = logText(2000);
        byte[] noise = randomBytes(70_000, 3);
        Artifact text = put("c1", "command-log", "build.log", LOG, log);
        Artifact binary = put("c1", "bundle", "diff.bin", BINARY, noise);

        assertThat(readAll(artifacts().open(text.id(), 1000, 500))).isEqualTo(Arrays.copyOfRange(log, 1000, 1500));
        assertThat(readAll(artifacts().open(binary.id(), 65_000, 500))).isEqualTo(Arrays.copyOfRange(noise, 65_000, 65_500));
        assertThat(readAll(artifacts().open(binary.id(), 69_990, 500))).isEqualTo(Arrays.copyOfRange(noise, 69_990, 70_000));
        assertThat(readAll(artifacts().open(text.id(), log.length - 3, Long.MAX_VALUE)))
                .isEqualTo(Arrays.copyOfRange(log, log.length - 3, log.length));
        assertThat(readAll(artifacts().open(text.id(), log.length, 10))).isEmpty();
        assertThat(readAll(artifacts().open(text.id(), 0, 0))).isEmpty();
        assertThatThrownBy(() -> artifacts().open(text.id(), log.length + 1, 10))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("offset");
        assertThatThrownBy(() -> artifacts().open(text.id(), -1, 10))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("offset");
        assertThatThrownBy(() -> artifacts().open(text.id(), 0, -1))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("length");
    }

    @Test
    @DisplayName("list: a construct's artifacts of one type or all types, newest first or oldest first, page by page")
    void listPaged() {
        List<Artifact> logs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            logs.add(put("c1", "command-log", "step-" + i + ".log", LOG, logText(10 + i)));
            advance(Duration.ofSeconds(1));
        }
        Artifact diff = put("c1", "bundle", "change.diff", "text/x-diff", logText(3));
        put("c2", "command-log", "step-0.log", LOG, logText(10));

        List<Artifact> newestFirst = new ArrayList<>();
        Page<Artifact> page = artifacts().list("c1", "command-log", PageRequest.first(2));
        newestFirst.addAll(page.items());
        while (page.hasMore()) {
            page = artifacts().list("c1", "command-log", PageRequest.first(2).after(page.nextCursor()));
            newestFirst.addAll(page.items());
        }
        assertThat(newestFirst).containsExactlyElementsOf(reversed(logs));
        assertThat(artifacts().list("c1", "command-log", PageRequest.first(10).oldestFirst()).items())
                .containsExactlyElementsOf(logs);
        assertThat(artifacts().list("c1", null, PageRequest.first(10)).items()).first().isEqualTo(diff);
        assertThat(artifacts().list("c1", null, PageRequest.first(10)).items()).hasSize(6);
        assertThat(artifacts().list("c2", "bundle", PageRequest.first()).items()).isEmpty();
        assertThat(artifacts().list("nope", null, PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("delete: the row goes at once, the blob stays while another artifact shares it")
    void deleteOne() {
        byte[] log = logText(100);
        Artifact first = put("c1", "command-log", "a.log", LOG, log);
        Artifact second = put("c2", "command-log", "a.log", LOG, log);

        assertThat(artifacts().delete(first.id())).isTrue();
        assertThat(artifacts().delete(first.id())).isFalse();
        assertThat(artifacts().find(first.id())).isEmpty();
        assertThat(artifacts().find("c1", "command-log", "a.log")).isEmpty();
        age(blobOf(second), Duration.ofDays(1));
        assertThat(artifacts().collectGarbage()).isZero();
        assertThat(readAll(artifacts().open(second.id()))).isEqualTo(log);
        assertThat(artifacts().delete("nope")).isFalse();
    }

    @Test
    @DisplayName("garbage collection removes old blobs no artifact references, and keeps young ones")
    void collectGarbage() {
        Artifact old = put("c1", "command-log", "old.log", LOG, logText(100));
        Artifact young = put("c1", "command-log", "young.log", LOG, logText(200));
        artifacts().delete(old.id());
        artifacts().delete(young.id());
        age(blobOf(old), Duration.ofHours(2));

        assertThat(artifacts().collectGarbage()).isEqualTo(1);
        assertThat(blobFiles()).containsExactly(blobOf(young));
        assertThat(artifacts().collectGarbage(Duration.ofMinutes(1))).isZero();
        age(blobOf(young), Duration.ofMinutes(5));
        assertThat(artifacts().collectGarbage(Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(blobFiles()).isEmpty();
        assertThatThrownBy(() -> artifacts().collectGarbage(Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("minimumAge");
    }

    @Test
    @DisplayName("deleteAllOf: every artifact of the construct goes, with its usage; other constructs keep theirs")
    void deleteAllOf() {
        put("c1", "command-log", "a.log", LOG, logText(1));
        put("c1", "bundle", "b.diff", LOG, logText(2));
        Artifact kept = put("c2", "command-log", "a.log", LOG, logText(3));

        assertThat(artifacts().deleteAllOf("c1")).isEqualTo(2);
        assertThat(artifacts().list("c1", null, PageRequest.first()).items()).isEmpty();
        assertThat(artifacts().usage("c1")).isEqualTo(ArtifactUsage.NONE);
        assertThat(artifacts().usageByType("c1")).isEmpty();
        assertThat(artifacts().get(kept.id())).isEqualTo(kept);
        assertThat(artifacts().deleteAllOf("c1")).isZero();
    }

    @Test
    @DisplayName("deleting a construct deletes its artifacts at once: not found, not listed, not counted")
    void constructDeleteCascades() {
        Artifact gone = put("c1", "command-log", "a.log", LOG, logText(1));
        Artifact kept = put("c2", "command-log", "a.log", LOG, logText(2));

        assertThat(store.constructs().delete("c1")).isTrue();

        assertThat(artifacts().find(gone.id())).isEmpty();
        assertThatThrownBy(() -> artifacts().open(gone.id())).isInstanceOf(NotFoundException.class);
        assertThat(artifacts().list("c1", null, PageRequest.first()).items()).isEmpty();
        assertThat(artifacts().usage("c1")).isEqualTo(ArtifactUsage.NONE);
        assertThat(artifacts().totals()).isEqualTo(new ArtifactUsage(1, kept.size(), kept.storedSize()));
    }

    @Test
    @DisplayName("usage: logical and stored bytes per construct and type, and store totals, follow puts and deletes")
    void usage() {
        Artifact a = put("c1", "command-log", "a.log", LOG, logText(1000));
        Artifact b = put("c1", "command-log", "b.log", LOG, logText(10));
        Artifact c = put("c1", "bundle", "c.bin", BINARY, randomBytes(1000, 4));
        Artifact d = put("c2", "command-log", "a.log", LOG, logText(1000));

        ArtifactUsage logs = new ArtifactUsage(2, a.size() + b.size(), a.storedSize() + b.storedSize());
        ArtifactUsage bundles = new ArtifactUsage(1, 1000, 1000);
        assertThat(artifacts().usageByType("c1")).containsExactly(Map.entry("bundle", bundles), Map.entry("command-log", logs));
        assertThat(artifacts().usage("c1")).isEqualTo(logs.plus(bundles));
        assertThat(artifacts().usage("c2")).isEqualTo(new ArtifactUsage(1, d.size(), d.storedSize()));
        assertThat(artifacts().totals()).isEqualTo(logs.plus(bundles).plus(new ArtifactUsage(1, d.size(), d.storedSize())));

        artifacts().delete(b.id());
        artifacts().delete(c.id());
        assertThat(artifacts().usageByType("c1"))
                .containsExactly(Map.entry("command-log", new ArtifactUsage(1, a.size(), a.storedSize())));
        assertThat(artifacts().usage("nope")).isEqualTo(ArtifactUsage.NONE);
    }

    @Test
    @DisplayName("inside a transaction: a put's row commits with it, and goes with a rollback")
    void transactions() {
        byte[] log = logText(50);
        Artifact committed = store.inTransaction(tx -> tx.artifacts().put(NewArtifact.of("c1", "command-log",
                "a.log", LOG), new ByteArrayInputStream(log)));
        assertThatThrownBy(() -> store.useTransaction(tx -> {
            tx.artifacts().put(NewArtifact.of("c1", "command-log", "b.log", LOG), new ByteArrayInputStream(log));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(artifacts().get(committed.id())).isEqualTo(committed);
        assertThat(artifacts().find("c1", "command-log", "b.log")).isEmpty();
        assertThat(artifacts().usage("c1").artifacts()).isEqualTo(1);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** A stream that fails the test if anything reads it. */
    static InputStream unreadable() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the content was read");
            }
        };
    }
}
