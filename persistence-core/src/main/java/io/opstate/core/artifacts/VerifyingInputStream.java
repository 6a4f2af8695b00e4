package io.opstate.core.artifacts;

import com.github.luben.zstd.ZstdIOException;
import io.opstate.artifacts.ArtifactIntegrityException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Content hashed as it is read: when it ends, its length and SHA-256 are compared with the
 * expected ones before end of stream is reported, so a caller never takes damaged content for
 * whole; content longer than expected is refused as soon as it is. What a mismatch raises is the
 * creator's: a damaged blob for an artifact's content, refused input for an import's. Not
 * thread-safe, as streams are not.
 */
final class VerifyingInputStream extends InputStream {
    /** Makes the exception a mismatch raises, from what is wrong and the cause, if any. */
    interface Mismatch {
        RuntimeException of(String problem, Throwable cause);
    }

    private final InputStream decoded;
    private final MessageDigest digest = Sha256.newDigest();
    private final String sha256;
    private final long size;
    private final Mismatch mismatch;
    private long read;
    private boolean verified;

    /** An artifact's decoded content, checked against its row: a mismatch is a damaged blob. */
    VerifyingInputStream(InputStream decoded, String artifactId, String sha256, long size) {
        this(decoded, sha256, size, (problem, cause) -> new ArtifactIntegrityException(artifactId, sha256,
                "artifact '" + artifactId + "': blob " + sha256 + " is damaged: " + problem
                        + "; restore it from a backup or delete the artifact", cause));
    }

    VerifyingInputStream(InputStream decoded, String sha256, long size, Mismatch mismatch) {
        this.decoded = decoded;
        this.sha256 = sha256;
        this.size = size;
        this.mismatch = mismatch;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            n = decoded.read(buffer, offset, length);
        } catch (ZstdIOException e) {
            throw damaged("its compressed form no longer decodes", e);
        }
        if (n < 0) {
            verifyAtEnd();
            return -1;
        }
        read += n;
        if (read > size) {
            throw damaged("it is longer than the " + size + " bytes expected", null);
        }
        digest.update(buffer, offset, n);
        return n;
    }

    private void verifyAtEnd() {
        if (verified) {
            return;
        }
        if (read != size) {
            throw damaged("it holds " + read + " bytes, not the " + size + " expected", null);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw damaged("its content hashes to " + actual, null);
        }
        verified = true;
    }

    private RuntimeException damaged(String problem, Throwable cause) {
        return mismatch.of(problem, cause);
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}
