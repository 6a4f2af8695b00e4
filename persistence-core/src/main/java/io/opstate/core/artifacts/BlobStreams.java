package io.opstate.core.artifacts;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.opstate.InvalidInputException;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.artifacts.ArtifactContentException;
import io.opstate.artifacts.ArtifactIntegrityException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What every {@link BlobPlacement} does the same way with a blob's bytes: encode a put's content
 * (hash, count, compress) into any output, decode a stored form, verify it while it is read, and
 * read it back whole to check it. Stateless.
 */
public final class BlobStreams {
    static final int BUFFER = 128 * 1024;
    /** zstd's default level: fast, and most of the gain on logs. */
    private static final int LEVEL = 3;

    private BlobStreams() {
    }

    /** A put's content once encoded: its SHA-256 (lower-case hex) and its length as put. */
    public record Encoded(String sha256, long size) {
    }

    /**
     * Reads {@code content} to its end into {@code target}, zstd-compressed when {@code compress},
     * hashing and counting it on the way; closes what it wrapped around {@code target} (not
     * {@code target} itself when {@code compress} is false, which the caller then closes).
     *
     * @throws InvalidInputException naming {@code declaredSize} when the content's length differs
     * @throws ArtifactContentException when reading {@code content} fails
     */
    public static Encoded encode(InputStream content, OutputStream target, boolean compress, Long declaredSize)
            throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        OutputStream out = compress ? zstd(new UnclosableOutput(target)) : target;
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
            if (compress) {
                closeAfter(out, complete);
            }
        }
        if (!compress) {
            out.flush();
        }
        if (declaredSize != null && size != declaredSize) {
            throw sizeMismatch(declaredSize, size + " bytes");
        }
        return new Encoded(HexFormat.of().formatHex(digest.digest()), size);
    }

    /** The decoded content of a stored form, verified against the key's SHA-256 and {@code size} as it is read. */
    public static InputStream verified(InputStream stored, String artifactId, BlobKey key, long size) {
        return new VerifyingInputStream(decoded(stored, key), artifactId, key.sha256(), size);
    }

    /** {@code length} bytes of a stream that is already at the range's first byte. */
    public static InputStream bounded(InputStream from, long length) {
        return new BoundedInputStream(from, length);
    }

    /**
     * {@code length} decoded bytes from {@code offset} of a compressed blob's whole stored form:
     * decompressed from the start and skipped up to {@code offset}.
     */
    public static InputStream decodedRange(InputStream stored, String artifactId, BlobKey key, long offset,
                                           long length) {
        InputStream decoded = decoded(stored, key);
        try {
            decoded.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            try {
                decoded.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ArtifactIntegrityException(artifactId, key.sha256(), "artifact '" + artifactId + "': blob "
                    + key.sha256() + " could not be decoded up to offset " + offset, e);
        }
        return new BoundedInputStream(decoded, length);
    }

    /** Reads a whole stored form and says whether it decodes to content with the key's SHA-256; closes it. */
    public static boolean intact(InputStream stored, BlobKey key) {
        try (InputStream in = decoded(stored, key)) {
            MessageDigest digest = Sha256.newDigest();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).equals(key.sha256());
        } catch (IOException | ArtifactIntegrityException | UncheckedIOException e) {
            return false;
        }
    }

    /** The content of a stored form. */
    public static InputStream decoded(InputStream stored, BlobKey key) {
        if (key.compression() == ArtifactCompression.NONE) {
            return stored;
        }
        try {
            return new ZstdInputStream(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The integrity error of a blob that is not there, or not whole. */
    public static ArtifactIntegrityException missing(String artifactId, BlobKey key, String problem) {
        return new ArtifactIntegrityException(artifactId, key.sha256(), "artifact '" + artifactId + "': blob "
                + key.sha256() + " is missing: " + problem + "; restore it from a backup or delete the artifact");
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
            // what was written is dropped anyway
        }
    }

    private static OutputStream zstd(OutputStream target) throws IOException {
        ZstdOutputStream zstd = new ZstdOutputStream(new BufferedOutputStream(target, BUFFER), LEVEL);
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
}
