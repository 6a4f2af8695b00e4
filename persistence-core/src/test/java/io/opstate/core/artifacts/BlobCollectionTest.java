package io.opstate.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interleavings of a garbage collection and a put of the same content that a thread race
 * rarely hits, forced here step by step: the collector's look at the rows is where the put runs.
 */
class BlobCollectionTest {
    private static final byte[] CONTENT = "the same log line\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void aPutReusingTheBlobBeforeItIsParkedKeepsIt() throws IOException {
        BlobStore store = new BlobStore(root);
        BlobEntry old = oldBlob(store);
        AtomicInteger looks = new AtomicInteger();
        // first look: no row yet, but the put has found and marked the blob; its row commits later
        Predicate<BlobKey> rows = key -> {
            if (looks.incrementAndGet() == 1) {
                assertThat(store.write(input(), true, null).reused()).isTrue();
            }
            return false;
        };

        assertThat(new BlobCollector(store).removeIfUnreferenced(old, cutoff(), rows)).isFalse();
        assertIntact(store, old.key());
    }

    @Test
    void aRowCommittedWhileTheBlobIsParkedKeepsIt() throws IOException {
        BlobStore store = new BlobStore(root);
        BlobEntry old = oldBlob(store);
        AtomicInteger looks = new AtomicInteger();

        assertThat(new BlobCollector(store).removeIfUnreferenced(old, cutoff(), key -> looks.incrementAndGet() > 1)).isFalse();
        assertIntact(store, old.key());
    }

    @Test
    void aPutWhileTheBlobIsParkedWritesItsOwnCopy() throws IOException {
        BlobStore store = new BlobStore(root);
        BlobEntry old = oldBlob(store);
        AtomicInteger looks = new AtomicInteger();
        Predicate<BlobKey> rows = key -> {
            if (looks.incrementAndGet() == 2) {
                assertThat(store.write(input(), true, null).reused()).isFalse();
            }
            return false;
        };

        assertThat(new BlobCollector(store).removeIfUnreferenced(old, cutoff(), rows)).isTrue();
        assertIntact(store, old.key());
    }

    @Test
    void anUnreferencedOldBlobGoes() throws IOException {
        BlobStore store = new BlobStore(root);
        BlobEntry old = oldBlob(store);

        assertThat(new BlobCollector(store).removeIfUnreferenced(old, cutoff(), key -> false)).isTrue();
        assertThat(store.find(old.key())).isNull();
        assertThat(new BlobCollector(store).removeIfUnreferenced(old, cutoff(), key -> false)).isFalse();
    }

    @Test
    void aCollectorThatDiedWithAReferencedBlobParkedIsUndoneByTheNextSweep() throws IOException {
        BlobStore store = new BlobStore(root);
        BlobEntry old = oldBlob(store);
        Path trash = Files.createDirectories(root.resolve("trash"));
        Files.move(store.pathOf(old.key()), trash.resolve(old.key().fileName() + ".dead-collector"));

        new BlobCollector(store).sweep(cutoff(), key -> key.equals(old.key()));
        assertIntact(store, old.key());
        try (var left = Files.list(trash)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void aSweepRemovesOldTemporaryFilesOnly() throws IOException {
        BlobStore store = new BlobStore(root);
        Path old = store.newTempFile();
        Path young = store.newTempFile();
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertThat(new BlobCollector(store).sweep(cutoff(), key -> false)).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(young).exists();
    }

    private BlobEntry oldBlob(BlobStore store) throws IOException {
        StoredBlob blob = store.write(input(), true, null);
        Path path = store.pathOf(blob.key());
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        return store.find(blob.key());
    }

    private static Instant cutoff() {
        return Instant.now().minus(Duration.ofHours(1));
    }

    private static InputStream input() {
        return new ByteArrayInputStream(CONTENT);
    }

    private static void assertIntact(BlobStore store, BlobKey key) throws IOException {
        BlobEntry blob = store.find(key);
        assertThat(blob).as("blob %s", key).isNotNull();
        assertThat(store.intact(blob)).isTrue();
        try (InputStream in = store.openVerified("a1", key, CONTENT.length, blob.storedSize())) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
    }
}
