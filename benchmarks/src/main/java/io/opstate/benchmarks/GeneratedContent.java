package io.opstate.benchmarks;

import io.opstate.tck.GeneratedBytes;
import java.io.InputStream;

/**
 * Artifact content of any size made as it is read, so that the heap-bounded checks and the archive
 * benchmark hold none of it: random bytes (incompressible, the TCK's {@link GeneratedBytes}), or
 * log-like lines of 64 characters with a running counter (compressible). The same for the same seed.
 */
final class GeneratedContent extends InputStream {
    private long left;
    private long line;

    private GeneratedContent(long size, long seed) {
        this.left = size;
        this.line = seed * 1_000_000_000L;
    }

    /** {@code size} random bytes drawn from {@code seed}. */
    static InputStream random(long size, long seed) {
        return new GeneratedBytes(size, seed);
    }

    /** {@code size} bytes: log-like text when {@code text}, else random bytes; from {@code seed}. */
    static InputStream of(long size, boolean text, long seed) {
        return text ? new GeneratedContent(size, seed) : random(size, seed);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (left == 0) {
            return -1;
        }
        int n = (int) Math.min(length, left);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = (byte) (i % 64 == 63 ? '\n' : 'a' + (line++ % 26));
        }
        left -= n;
        return n;
    }
}
