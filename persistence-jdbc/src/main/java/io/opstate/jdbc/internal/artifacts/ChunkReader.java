package io.opstate.jdbc.internal.artifacts;

import io.opstate.core.artifacts.BlobKey;
import io.opstate.core.artifacts.BlobStreams;
import java.io.InputStream;

/**
 * A blob's stored bytes, read one chunk (one query) at a time from chunk {@code first} on, so that
 * memory holds one chunk. A chunk that is not there ends the read with the integrity error of a
 * missing blob. Not thread-safe, as streams are not.
 */
final class ChunkReader extends InputStream {
    private final BlobRowsSql sql;
    private final String artifactId;
    private final BlobKey key;
    private final String blobId;
    private final int chunks;
    private int next;
    private byte[] current = new byte[0];
    private int position;

    /**
     * @param skip bytes to pass over in chunk {@code first}
     */
    ChunkReader(BlobRowsSql sql, String artifactId, BlobKey key, String blobId, int chunks, int first, int skip) {
        this.sql = sql;
        this.artifactId = artifactId;
        this.key = key;
        this.blobId = blobId;
        this.chunks = chunks;
        this.next = first;
        if (first < chunks) {
            load();
            position = Math.min(skip, current.length);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (next >= chunks) {
                return -1;
            }
            load();
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    private void load() {
        int index = next;
        current = sql.chunk(blobId, index).orElseThrow(() -> BlobStreams.missing(artifactId, key,
                "chunk " + index + " of " + chunks + " is not in the database"));
        position = 0;
        next++;
    }
}
