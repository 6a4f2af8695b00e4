package io.opstate.jdbc.internal.artifacts;

import io.opstate.DuplicateKeyException;
import io.opstate.StorageUnavailableException;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.core.artifacts.BlobEntry;
import io.opstate.core.artifacts.BlobKey;
import io.opstate.core.artifacts.BlobPlacement;
import io.opstate.core.artifacts.BlobStreams;
import io.opstate.core.artifacts.StoredBlob;
import io.opstate.jdbc.internal.JdbcContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Blobs kept in the database, in chunks of {@value #CHUNK_BYTES} bytes
 * ({@link io.opstate.artifacts.ArtifactStorage#DATABASE}). A put streams its content, hashed and
 * compressed on the way, into the chunks of an upload row, each chunk its own write (or part of
 * the host's transaction); only then does the row take the content's hash, unless that content
 * is stored already, in which case the existing blob is marked used and the upload deleted. So the
 * artifact row, written after, never names a blob whose chunks are not all in, and no content is
 * ever whole in memory. Reads fetch one chunk per query. Thread-safe, and safe for many processes
 * on many hosts: they coordinate through the rows (see {@link BlobRowsSql#deleteIfUnreferenced}).
 */
public final class DatabaseBlobs implements BlobPlacement {
    /** Bytes per chunk: large enough that a query per chunk costs little, small enough to hold in memory. */
    public static final int CHUNK_BYTES = 1024 * 1024;
    private static final int BLOBS_PER_READ = 500;
    /** Puts publishing the same content at once retry that often; each retry finds the winner's blob. */
    private static final int PUBLISH_ATTEMPTS = 5;

    private final BlobRowsSql sql;
    private final int chunkBytes;

    public DatabaseBlobs(JdbcContext context) {
        this(context, CHUNK_BYTES);
    }

    DatabaseBlobs(JdbcContext context, int chunkBytes) {
        this.sql = new BlobRowsSql(context);
        this.chunkBytes = chunkBytes;
    }

    @Override
    public StoredBlob write(InputStream content, boolean compressible, Long declaredSize) {
        String upload = sql.startUpload();
        try {
            ChunkWriter chunks = new ChunkWriter(sql, upload, chunkBytes);
            BlobStreams.Encoded encoded = BlobStreams.encode(content, chunks, compressible, declaredSize);
            chunks.close();
            ArtifactCompression compression = encoded.compressed() ? ArtifactCompression.ZSTD : ArtifactCompression.NONE;
            if (encoded.compressed() && chunks.stored() >= encoded.size()) {
                // compression did not pay after all (the probe did): store the content as put, decoded from what was written
                String plain = sql.startUpload();
                String compressed = upload;
                upload = plain;
                chunks = decodeInto(compressed, new BlobKey(encoded.sha256(), compression), chunks.chunks(), plain);
                sql.dropUpload(compressed);
                compression = ArtifactCompression.NONE;
            }
            StoredBlob stored = publish(upload, new BlobKey(encoded.sha256(), compression), encoded.size(),
                    chunks.stored(), chunks.chunks());
            upload = null;
            return stored;
        } catch (IOException e) {
            throw new StorageUnavailableException("could not store a blob in the database: " + e, e);
        } finally {
            if (upload != null) {
                dropQuietly(upload);
            }
        }
    }

    private ChunkWriter decodeInto(String compressed, BlobKey key, int chunks, String plain) throws IOException {
        ChunkWriter out = new ChunkWriter(sql, plain, chunkBytes);
        try (InputStream decoded = BlobStreams.decoded(new ChunkReader(sql, "-", key, compressed, chunks, 0, 0), key)) {
            decoded.transferTo(out);
        }
        out.close();
        return out;
    }

    /** Reuses the stored blob of this content, or else makes the upload that blob; the upload is gone or published after. */
    private StoredBlob publish(String upload, BlobKey key, long size, long storedSize, int chunks) {
        for (int attempt = 1; ; attempt++) {
            var existing = sql.reuse(key.sha256());
            if (existing.isPresent()) {
                sql.dropUpload(upload);
                BlobRowsSql.Stored blob = existing.get();
                return new StoredBlob(blob.key(), size, blob.storedSize(), true);
            }
            sql.dropDamaged(key);
            try {
                sql.publish(upload, key, size, storedSize, chunks);
                return new StoredBlob(key, size, storedSize, false);
            } catch (DuplicateKeyException raced) {
                if (attempt == PUBLISH_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private void dropQuietly(String upload) {
        try {
            sql.dropUpload(upload);
        } catch (RuntimeException ignored) {
            // a later garbage collection removes the abandoned upload
        }
    }

    @Override
    public StoredBlob existing(String sha256, long size) {
        return sql.reuse(sha256).filter(blob -> blob.size() == size)
                .map(blob -> new StoredBlob(blob.key(), size, blob.storedSize(), true)).orElse(null);
    }

    @Override
    public InputStream openVerified(String artifactId, BlobKey key, long size, long storedSize) {
        BlobRowsSql.Stored blob = whole(artifactId, key, storedSize);
        return BlobStreams.verified(new ChunkReader(sql, artifactId, key, blob.id(), blob.chunks(), 0, 0), artifactId,
                key, size);
    }

    @Override
    public InputStream openRange(String artifactId, BlobKey key, long storedSize, long offset, long length) {
        BlobRowsSql.Stored blob = whole(artifactId, key, storedSize);
        if (key.compression() == ArtifactCompression.NONE) {
            // every chunk but the last is full: the range starts in chunk offset / chunkBytes
            return BlobStreams.bounded(new ChunkReader(sql, artifactId, key, blob.id(), blob.chunks(),
                    (int) (offset / chunkBytes), (int) (offset % chunkBytes)), length);
        }
        return BlobStreams.decodedRange(new ChunkReader(sql, artifactId, key, blob.id(), blob.chunks(), 0, 0),
                artifactId, key, offset, length);
    }

    /** The blob of {@code key}, its chunks holding {@code storedSize} bytes, or the integrity error of a missing one. */
    private BlobRowsSql.Stored whole(String artifactId, BlobKey key, long storedSize) {
        BlobEntry entry = sql.entry(key).orElseThrow(() -> BlobStreams.missing(artifactId, key,
                "there is no such blob in the database"));
        if (entry.storedSize() != storedSize) {
            throw BlobStreams.missing(artifactId, key, "its chunks hold " + entry.storedSize() + " bytes, not the "
                    + storedSize + " stored");
        }
        return sql.find(key).orElseThrow(() -> BlobStreams.missing(artifactId, key,
                "it was removed while being opened"));
    }

    @Override
    public BlobEntry find(BlobKey key) {
        return sql.entry(key).orElse(null);
    }

    @Override
    public void forEachBlob(Consumer<BlobEntry> each) {
        String after = null;
        for (List<BlobRowsSql.IdentifiedEntry> page = sql.entriesAfter(null, BLOBS_PER_READ); !page.isEmpty();
                page = sql.entriesAfter(after, BLOBS_PER_READ)) {
            page.forEach(blob -> each.accept(blob.entry()));
            after = page.get(page.size() - 1).id();
        }
    }

    @Override
    public boolean intact(BlobEntry blob) {
        var stored = sql.find(blob.key());
        if (stored.isEmpty()) {
            return false;
        }
        BlobRowsSql.Stored found = stored.get();
        try {
            return BlobStreams.intact(new ChunkReader(sql, "-", blob.key(), found.id(), found.chunks(), 0, 0),
                    blob.key());
        } catch (UncheckedIOException | io.opstate.artifacts.ArtifactIntegrityException e) {
            return false;
        }
    }

    @Override
    public boolean removeIfUnreferenced(BlobEntry blob, Instant cutoff, Predicate<BlobKey> referenced) {
        if (!blob.modified().isBefore(cutoff) || referenced.test(blob.key())) {
            return false;
        }
        return sql.deleteIfUnreferenced(blob.key(), cutoff);
    }

    @Override
    public long sweep(Instant cutoff, Predicate<BlobKey> referenced) {
        return sql.deleteDeadUploads(cutoff);
    }
}
