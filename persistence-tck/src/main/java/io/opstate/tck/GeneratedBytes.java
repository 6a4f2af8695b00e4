package io.opstate.tck;

import java.io.InputStream;
import java.util.Random;

/**
 * A stream of random bytes made as they are read, the same for the same seed: content of any size
 * for tests that must hold none of it in memory (the heap-bounded artifact and archive checks).
 */
public final class GeneratedBytes extends InputStream {
    private final Random random;
    private long left;

    /** {@code bytes} random bytes drawn from {@code seed}. */
    public GeneratedBytes(long bytes, long seed) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        this.random = new Random(seed);
        this.left = bytes;
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
        byte[] chunk = new byte[n];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, buffer, offset, n);
        left -= n;
        return n;
    }
}
