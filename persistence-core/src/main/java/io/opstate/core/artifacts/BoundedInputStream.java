package io.opstate.core.artifacts;

import java.io.IOException;
import java.io.InputStream;

/** At most {@code limit} bytes of another stream; closing closes it. */
final class BoundedInputStream extends InputStream {
    private final InputStream source;
    private long left;

    BoundedInputStream(InputStream source, long limit) {
        this.source = source;
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = source.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
            return length == 0 ? 0 : -1;
        }
        int n = source.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
