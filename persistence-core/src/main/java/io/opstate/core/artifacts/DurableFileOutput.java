package io.opstate.core.artifacts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a file that must end up on disk, and starts the disk writing while the bytes still come:
 * every {@value #STEP} bytes, a background thread flushes what was written so far
 * ({@code fdatasync}), unless the previous flush is still running. {@link #sync()} then only waits
 * for the tail, so that a put takes about as long as the slower of reading and hashing its content
 * or writing it to disk, not the sum of both. Without this, the kernel holds most of a large
 * put's bytes in memory until the final fsync, which writes them all while the put waits.
 *
 * <p>A background flush that fails is reported by {@link #sync()}: Linux reports a writeback error
 * to one fsync only, so the final one could otherwise succeed over lost pages. Does not close the
 * channel; {@link #close()} only flushes Java-side state, as {@link UnclosableOutput} does. Not
 * thread-safe; one per file.
 */
final class DurableFileOutput extends OutputStream {
    static final long STEP = 8L * 1024 * 1024;
    private static final ExecutorService FLUSHERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "opstate-blob-writeback");
        thread.setDaemon(true);
        return thread;
    });

    private final FileChannel channel;
    private long written;
    private long nextFlush = STEP;
    private Future<?> flushing;
    private volatile IOException flushFailure;

    DurableFileOutput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += length;
        if (written >= nextFlush) {
            nextFlush = written + STEP;
            if (flushing == null || flushing.isDone()) {
                flushing = FLUSHERS.submit(this::flushInBackground);
            }
        }
    }

    private void flushInBackground() {
        try {
            channel.force(false);
        } catch (IOException e) {
            flushFailure = e;
        }
    }

    /** Waits for a background flush, then forces the whole file (content and metadata) to disk. */
    void sync() throws IOException {
        awaitFlush();
        IOException failure = flushFailure;
        if (failure != null) {
            throw new IOException("an earlier flush of this file failed: " + failure.getMessage(), failure);
        }
        channel.force(true);
    }

    /** Waits for a background flush still running, so that the channel can be closed under none. */
    void awaitFlush() {
        if (flushing == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                flushing.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        awaitFlush();
    }
}
