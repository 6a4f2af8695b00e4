package io.opstate.tck;

import java.util.Random;

/**
 * A stream of random bytes made as they are read, the same for the same seed: content of any size
 * for tests that must hold none of it in memory (the heap-bounded artifact and archive checks).
 */
public final class GeneratedBytes extends GeneratedStream {
    private final Random random;

    /** {@code bytes} random bytes drawn from {@code seed}. */
    public GeneratedBytes(long bytes, long seed) {
        super(bytes);
        this.random = new Random(seed);
    }

    @Override
    protected void fill(byte[] buffer, int offset, int length) {
        byte[] chunk = new byte[length];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, buffer, offset, length);
    }
}
