package io.opstate.core.artifacts;

import java.io.IOException;
import java.io.OutputStream;

/** Passes writes on but not {@code close}: the file must still be flushed to disk after a compressor closes its stream. */
final class UnclosableOutput extends OutputStream {
    private final OutputStream target;

    UnclosableOutput(OutputStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        target.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        target.flush();
    }
}
