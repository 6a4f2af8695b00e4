package io.opstate.core.archives;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads lines ending in {@code \n} from a stream, one at a time, refusing one longer than a limit
 * so that a damaged archive cannot make the reader hold an unbounded line.
 */
final class LineInput {
    /** The longest line read: a record holds a few JSON documents, each bounded by the store's limits. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;

    LineInput(InputStream in) {
        this.in = in;
    }

    /** The next line without its {@code \n}, or null at the end; a last line without one is refused. */
    byte[] next() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line.size() == 0) {
                        return null;
                    }
                    throw new LineException("ends without a newline: the entry is truncated");
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > MAX_LINE_BYTES) {
                throw new LineException("is longer than " + MAX_LINE_BYTES + " bytes");
            }
            if (position < limit) {
                position++;
                return line.toByteArray();
            }
        }
    }
}
