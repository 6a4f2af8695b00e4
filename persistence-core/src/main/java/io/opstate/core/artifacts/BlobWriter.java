package io.opstate.core.artifacts;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.opstate.InvalidInputException;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.artifacts.ArtifactContentException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Streams a put's content into a blob: read once, hashed on the way, compressed when asked, to a
 * temporary file under the root that is flushed to disk and then renamed into place (or dropped
 * when the blob is already there). Memory use is one buffer, whatever the content's size. A
 * temporary file is removed on every failure. Not thread-safe; one per put.
 */
final class BlobWriter {
    private static final int BUFFER = 128 * 1024;
    /** zstd's default level: fast, and most of the gain on logs. */
    private static final int LEVEL = 3;

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
            ArtifactCompression compression = compressible ? ArtifactCompression.ZSTD : ArtifactCompression.NONE;
            long storedSize = written.storedSize();
            if (compressible && storedSize >= written.size()) {
                // compression did not pay: keep the content as put
                raw = store.newTempFile();
                decompress(temp, raw);
                Files.delete(temp);
                temp = raw;
                raw = null;
                compression = ArtifactCompression.NONE;
                storedSize = written.size();
            }
            StoredBlob existing = existing(written.sha256(), written.size());
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

    /**
     * The blob of this content already stored in either form, marked as used, or null. A plain
     * blob of the wrong length is damaged: not reused, so that this put's copy replaces it.
     */
    private StoredBlob existing(String sha256, long size) {
        for (ArtifactCompression form : ArtifactCompression.values()) {
            BlobFile found = store.reuse(new BlobKey(sha256, form), Instant.now());
            if (found != null && !(form == ArtifactCompression.NONE && found.storedSize() != size)) {
                return new StoredBlob(found.key(), size, found.storedSize(), true);
            }
        }
        return null;
    }

    private Written stream(InputStream content, Path temp, boolean compress, Long declaredSize) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            OutputStream file = new UnclosableOutput(Channels.newOutputStream(channel));
            OutputStream out = compress ? zstd(file) : file;
            boolean complete = false;
            try {
                while (true) {
                    int n = readContent(content, buffer);
                    if (n < 0) {
                        break;
                    }
                    size += n;
                    if (declaredSize != null && size > declaredSize) {
                        throw sizeMismatch(declaredSize, "more");
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                complete = true;
            } finally {
                closeAfter(out, complete);
            }
            if (declaredSize != null && size != declaredSize) {
                throw sizeMismatch(declaredSize, size + " bytes");
            }
            channel.force(true);
            return new Written(HexFormat.of().formatHex(digest.digest()), size, channel.size());
        }
    }

    /** Closes {@code out}; after a failure, quietly, so that the failure is what the caller sees. */
    private static void closeAfter(OutputStream out, boolean complete) throws IOException {
        if (complete) {
            out.close();
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // the temporary file is deleted anyway
        }
    }

    private static OutputStream zstd(OutputStream file) throws IOException {
        ZstdOutputStream zstd = new ZstdOutputStream(new BufferedOutputStream(file, BUFFER), LEVEL);
        zstd.setChecksum(true);
        return zstd;
    }

    private static int readContent(InputStream content, byte[] buffer) {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            throw new ArtifactContentException("reading the artifact's content failed: " + e.getMessage(), e);
        }
    }

    private static InvalidInputException sizeMismatch(long declared, String actual) {
        return new InvalidInputException("declaredSize", "declared " + declared + " bytes, but the content held "
                + actual);
    }

    private static void decompress(Path compressed, Path raw) throws IOException {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(compressed));
             FileChannel channel = FileChannel.open(raw, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            in.transferTo(out);
            channel.force(true);
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

    private record Written(String sha256, long size, long storedSize) {
    }
}
