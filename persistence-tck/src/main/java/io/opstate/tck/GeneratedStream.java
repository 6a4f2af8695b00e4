package io.opstate.tck;

import java.io.InputStream;

/**
 * A stream of a given length whose bytes are made as they are read, for content of any size that
 * no test or benchmark holds in memory. Subclasses say how the bytes are made ({@link #fill}).
 */
public abstract class GeneratedStream extends InputStream {
    private long left;

    /** {@code bytes} bytes in all. */
    protected GeneratedStream(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        this.left = bytes;
    }

    /** Makes the next {@code length} bytes of the stream into {@code buffer} from {@code offset}. */
    protected abstract void fill(byte[] buffer, int offset, int length);

    @Override
    public final int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] buffer, int offset, int length) {
        if (left == 0) {
            return -1;
        }
        int n = (int) Math.min(length, left);
        fill(buffer, offset, n);
        left -= n;
        return n;
    }
}
