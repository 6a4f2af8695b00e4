package io.opstate.core.artifacts;

import com.github.luben.zstd.ZstdInputStream;
import io.opstate.InvalidInputException;
import io.opstate.artifacts.ArtifactCompression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a put's content into a blob: read once, hashed on the way, compressed when asked, to a
 * temporary file under the root that is flushed to disk and then renamed into place (or dropped
 * when the blob is already there). Memory use is one buffer, whatever the content's size. A
 * temporary file is removed on every failure. Not thread-safe; one per put.
 */
final class BlobWriter {
    private final BlobStore store;

    BlobWriter(BlobStore store) {
        this.store = store;
    }

    /**
     * Stores {@code content}; compressed with zstd when {@code compressible} and that is smaller.
     *
     * @param declaredSize the length the host declared, or null
     * @throws InvalidInputException naming {@code declaredSize} when the content's length differs
     * @throws ArtifactContentException when reading {@code content} fails
     */
    StoredBlob write(InputStream content, boolean compressible, Long declaredSize) {
        Path temp = null;
        Path raw = null;
        try {
            temp = store.newTempFile();
            Written written = stream(content, temp, compressible, declaredSize);
            ArtifactCompression compression = written.compressed() ? ArtifactCompression.ZSTD : ArtifactCompression.NONE;
            long storedSize = written.storedSize();
            if (written.compressed() && storedSize >= written.size()) {
                // compression did not pay after all (the probe did): keep the content as put
                raw = store.newTempFile();
                decompress(temp, raw);
                Files.delete(temp);
                temp = raw;
                raw = null;
                compression = ArtifactCompression.NONE;
                storedSize = written.size();
            }
            StoredBlob existing = store.existing(written.sha256(), written.size());
            if (existing != null) {
                Files.delete(temp);
                return existing;
            }
            BlobKey key = new BlobKey(written.sha256(), compression);
            store.publish(temp, key);
            temp = null;
            return new StoredBlob(key, written.size(), storedSize, false);
        } catch (IOException e) {
            throw store.unavailable("could not store a blob", e);
        } finally {
            deleteQuietly(temp);
            deleteQuietly(raw);
        }
    }

    private Written stream(InputStream content, Path temp, boolean compressible, Long declaredSize)
            throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
             DurableFileOutput out = new DurableFileOutput(channel)) {
            BlobStreams.Encoded encoded = BlobStreams.encode(content, out, compressible, declaredSize);
            out.sync();
            return new Written(encoded.sha256(), encoded.size(), channel.size(), encoded.compressed());
        }
    }

    private static void decompress(Path compressed, Path raw) throws IOException {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(compressed));
             FileChannel channel = FileChannel.open(raw, StandardOpenOption.WRITE);
             DurableFileOutput out = new DurableFileOutput(channel)) {
            in.transferTo(out);
            out.sync();
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a later garbage collection removes what is left in the temporary directory
            }
        }
    }

    private record Written(String sha256, long size, long storedSize, boolean compressed) {
    }
}
