package io.opstate.core.artifacts;

import com.github.luben.zstd.Zstd;
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
    /** What zstd must save on the probe for the content to be compressed. */
    static final int PROBE_SAVING_PERCENT = 3;

    private BlobStreams() {
    }

    /**
     * A put's content once encoded: its SHA-256 (lower-case hex), its length as put, and whether
     * it went through zstd.
     */
    public record Encoded(String sha256, long size, boolean compressed) {
    }

    /**
     * Reads {@code content} to its end into {@code target}, hashing and counting it on the way;
     * zstd-compressed when {@code compressible} and its first {@value #BUFFER} bytes (the probe)
     * compress by at least {@value #PROBE_SAVING_PERCENT}%: content that is text by its type but
     * incompressible (already compressed, encrypted) is then written as it is, without paying for
     * a compressor on every byte and for decoding the result again. Closes what it wrapped around
     * {@code target}, never {@code target} itself, which the caller closes.
     *
     * @throws InvalidInputException naming {@code declaredSize} when the content's length differs
     * @throws ArtifactContentException when reading {@code content} fails
     */
    public static Encoded encode(InputStream content, OutputStream target, boolean compressible, Long declaredSize)
            throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        int n = compressible ? fill(content, buffer) : readContent(content, buffer);
        boolean compress = compressible && n > 0 && compressionPays(buffer, n);
        long size = 0;
        OutputStream out = compress ? zstd(new UnclosableOutput(target)) : target;
        boolean complete = false;
        try {
            for (; n >= 0; n = readContent(content, buffer)) {
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
        return new Encoded(HexFormat.of().formatHex(digest.digest()), size, compress);
    }

    /** Whether the first {@code length} bytes of {@code probe} shrink enough under zstd to compress the whole. */
    static boolean compressionPays(byte[] probe, int length) {
        byte[] compressed = new byte[(int) Zstd.compressBound(length)];
        long result = Zstd.compressByteArray(compressed, 0, compressed.length, probe, 0, length, LEVEL);
        if (Zstd.isError(result)) {
            return true;
        }
        return result * 100 <= (long) length * (100 - PROBE_SAVING_PERCENT);
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

    /** Reads until {@code buffer} is full or the content ends; how many bytes it holds (0 for empty content). */
    private static int fill(InputStream content, byte[] buffer) {
        int filled = 0;
        while (filled < buffer.length) {
            int n = readContent(content, buffer, filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private static int readContent(InputStream content, byte[] buffer) {
        return readContent(content, buffer, 0);
    }

    private static int readContent(InputStream content, byte[] buffer, int offset) {
        try {
            return content.read(buffer, offset, buffer.length - offset);
        } catch (IOException e) {
            throw new ArtifactContentException("reading the artifact's content failed: " + e.getMessage(), e);
        }
    }

    private static InvalidInputException sizeMismatch(long declared, String actual) {
        return new InvalidInputException("declaredSize", "declared " + declared + " bytes, but the content held "
                + actual);
    }
}
