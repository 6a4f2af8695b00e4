package io.opstate.jdbc.internal.artifacts;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Cuts what is written to it into chunks of {@link DatabaseBlobs#CHUNK_BYTES} and appends each
 * to an upload as soon as it is full, so that memory holds one chunk whatever the content's
 * size; {@link #close} appends the last, shorter one. Every chunk but the last is full, which
 * lets a range read find its first chunk by division. Not thread-safe; one per upload.
 */
final class ChunkWriter extends OutputStream {
    private final BlobRowsSql sql;
    private final String uploadId;
    private final byte[] chunk;
    private int filled;
    private int chunks;
    private long stored;
    private boolean closed;

    ChunkWriter(BlobRowsSql sql, String uploadId, int chunkBytes) {
        this.sql = sql;
        this.uploadId = uploadId;
        this.chunk = new byte[chunkBytes];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, chunk.length - filled);
            System.arraycopy(buffer, offset, chunk, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == chunk.length) {
                append();
            }
        }
    }

    private void append() {
        sql.appendChunk(uploadId, chunks, filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
        chunks++;
        stored += filled;
        filled = 0;
    }

    /** Appends what is left as the last chunk. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (filled > 0) {
            append();
        }
    }

    /** How many chunks were appended. */
    int chunks() {
        return chunks;
    }

    /** How many bytes the appended chunks hold. */
    long stored() {
        return stored;
    }
}
