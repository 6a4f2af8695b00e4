package io.opstate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer that passes text on through a {@link Redactor}, a line at a time (or whatever was
 * written when flushed), so that a password is never split between two pieces it checks.
 * Not thread-safe, like the command that writes to it.
 */
final class RedactingWriter extends Writer {
    private final Writer out;
    private final Redactor redactor;
    private final StringBuilder pending = new StringBuilder();

    private RedactingWriter(Writer out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    /** A print writer over {@code out} that redacts with {@code redactor}; flushing it flushes {@code out}. */
    static PrintWriter wrap(Writer out, Redactor redactor) {
        return new PrintWriter(new RedactingWriter(out, redactor), true);
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        pending.append(buffer, offset, length);
        int end = pending.lastIndexOf("\n");
        if (end >= 0) {
            out.write(redactor.redact(pending.substring(0, end + 1)));
            pending.delete(0, end + 1);
        }
    }

    @Override
    public void flush() throws IOException {
        if (pending.length() > 0) {
            out.write(redactor.redact(pending.toString()));
            pending.setLength(0);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
