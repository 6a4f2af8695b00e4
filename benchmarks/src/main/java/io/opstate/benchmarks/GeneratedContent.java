package io.opstate.benchmarks;

import io.opstate.tck.GeneratedBytes;
import io.opstate.tck.GeneratedStream;
import java.io.InputStream;

/**
 * Artifact content of any size made as it is read, so that the heap-bounded checks and the archive
 * benchmark hold none of it: random bytes (incompressible, the TCK's {@link GeneratedBytes}), or
 * log-like lines of 64 characters with a running counter (compressible). The same for the same seed.
 */
final class GeneratedContent extends GeneratedStream {
    private long line;

    private GeneratedContent(long size, long seed) {
        super(size);
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
    protected void fill(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) (i % 64 == 63 ? '\n' : 'a' + (line++ % 26));
        }
    }
}
