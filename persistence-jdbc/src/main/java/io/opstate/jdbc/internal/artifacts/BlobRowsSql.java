package io.opstate.jdbc.internal.artifacts;

import io.opstate.DuplicateKeyException;
import io.opstate.StorageUnavailableException;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.core.artifacts.BlobEntry;
import io.opstate.core.artifacts.BlobKey;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements of blobs kept in the database ({@code opstate_artifact_blobs} and
 * {@code opstate_artifact_blob_chunks}, schema version 9), each its own write or read, or part of
 * the calling thread's transaction when there is one. Thread-safe.
 */
final class BlobRowsSql {
    static final String BLOBS = "opstate_artifact_blobs";
    static final String CHUNKS = "opstate_artifact_blob_chunks";
    /** Whether the blob row {@code b} has every chunk, with the bytes it says it stores. */
    private static final String WHOLE = "chunks = (SELECT COUNT(*) FROM " + CHUNKS + " c WHERE c.blob_id = " + BLOBS
            + ".id) AND stored_size = (SELECT COALESCE(SUM(LENGTH(c.data)), 0) FROM " + CHUNKS + " c WHERE c.blob_id = "
            + BLOBS + ".id)";
    private static final String ENTRY = "SELECT id, sha256, compression, touched_at, (SELECT COALESCE(SUM(LENGTH(c.data)), 0)"
            + " FROM " + CHUNKS + " c WHERE c.blob_id = " + BLOBS + ".id) AS actual_size FROM " + BLOBS;

    private final JdbcContext context;

    BlobRowsSql(JdbcContext context) {
        this.context = context;
    }

    /** A complete blob: its row's id, key, stored length and chunk count. */
    record Stored(String id, BlobKey key, long size, long storedSize, int chunks) {
    }

    /** A new upload row, its content still unknown; returns its id. */
    String startUpload() {
        String id = UUID.randomUUID().toString();
        context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("INSERT INTO " + BLOBS + " (id, touched_at) VALUES (:id, :now)")
                .bind("id", id).bind("now", Instant.now()).execute());
        return id;
    }

    /**
     * Appends chunk {@code index} to the upload and marks it active now, so that a slow put is
     * not taken for a dead one.
     *
     * @throws StorageUnavailableException when garbage collection took the upload meanwhile
     */
    void appendChunk(String uploadId, int index, byte[] data) {
        context.database().write(ErrorContext.NONE, handle -> {
            int touched = handle.createUpdate("UPDATE " + BLOBS + " SET touched_at = :now WHERE id = :id AND sha256 IS NULL")
                    .bind("id", uploadId).bind("now", Instant.now()).execute();
            if (touched != 1) {
                throw collected(uploadId);
            }
            return handle.createUpdate("INSERT INTO " + CHUNKS + " (blob_id, chunk, data) VALUES (:id, :chunk, :data)")
                    .bind("id", uploadId).bind("chunk", index).bind("data", data).execute();
        });
    }

    /** Chunk {@code index} of a blob row, or empty when it is not there. */
    Optional<byte[]> chunk(String blobId, int index) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT data FROM " + CHUNKS + " WHERE blob_id = :id AND chunk = :chunk")
                .bind("id", blobId).bind("chunk", index).mapTo(byte[].class).findOne());
    }

    /**
     * Marks the whole stored blob of this content, in either form, as used now, so that no
     * garbage collection removes it before the put's row commits; empty when there is none.
     */
    Optional<Stored> reuse(String sha256) {
        return context.database().write(ErrorContext.NONE, handle -> handle
                .createQuery("UPDATE " + BLOBS + " SET touched_at = :now WHERE sha256 = :sha256 AND " + WHOLE
                        + " RETURNING id, sha256, compression, size, stored_size, chunks")
                .bind("sha256", sha256).bind("now", Instant.now())
                .map((row, ctx) -> new Stored(row.getString("id"), new BlobKey(row.getString("sha256"),
                        ArtifactCompression.valueOf(row.getString("compression"))), row.getLong("size"),
                        row.getLong("stored_size"), row.getInt("chunks")))
                .list().stream().findFirst());
    }

    /** Removes a damaged blob of {@code key} (chunks missing or cut), so that a whole copy can take its place. */
    void dropDamaged(BlobKey key) {
        context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM " + BLOBS + " WHERE sha256 = :sha256 AND compression = :compression AND NOT ("
                        + WHOLE + ")")
                .bind("sha256", key.sha256()).bind("compression", key.compression().name()).execute());
    }

    /**
     * Turns a finished upload into the blob of {@code key}.
     *
     * @throws DuplicateKeyException when another put published this content meanwhile
     * @throws StorageUnavailableException when garbage collection took the upload meanwhile
     */
    void publish(String uploadId, BlobKey key, long size, long storedSize, int chunks) {
        int updated = context.database().write(ErrorContext.of("artifact blob", key.sha256()), handle -> handle
                .createUpdate("UPDATE " + BLOBS + " SET sha256 = :sha256, compression = :compression, size = :size,"
                        + " stored_size = :storedSize, chunks = :chunks, touched_at = :now WHERE id = :id AND sha256 IS NULL")
                .bind("id", uploadId).bind("sha256", key.sha256()).bind("compression", key.compression().name())
                .bind("size", size).bind("storedSize", storedSize).bind("chunks", chunks).bind("now", Instant.now())
                .execute());
        if (updated != 1) {
            throw collected(uploadId);
        }
    }

    /** Deletes an upload that did not become a blob, with its chunks. */
    void dropUpload(String uploadId) {
        context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM " + BLOBS + " WHERE id = :id AND sha256 IS NULL")
                .bind("id", uploadId).execute());
    }

    /** The complete blob of {@code key} as the artifact rows name it, or empty. */
    Optional<Stored> find(BlobKey key) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT id, size, stored_size, chunks FROM " + BLOBS
                        + " WHERE sha256 = :sha256 AND compression = :compression")
                .bind("sha256", key.sha256()).bind("compression", key.compression().name())
                .map((row, ctx) -> new Stored(row.getString("id"), key, row.getLong("size"),
                        row.getLong("stored_size"), row.getInt("chunks")))
                .findOne());
    }

    /** The blob of {@code key} with the bytes its chunks actually hold, or empty. */
    Optional<BlobEntry> entry(BlobKey key) {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery(ENTRY + " WHERE sha256 = :sha256 AND compression = :compression")
                .bind("sha256", key.sha256()).bind("compression", key.compression().name())
                .map((row, ctx) -> entryOf(row))
                .findOne());
    }

    /** Up to {@code limit} complete blobs with row ids after {@code afterId} (null: from the first), in id order. */
    List<IdentifiedEntry> entriesAfter(String afterId, int limit) {
        return context.database().read(ErrorContext.NONE, handle -> {
            var query = handle.createQuery(ENTRY + " WHERE sha256 IS NOT NULL"
                    + (afterId == null ? "" : " AND id > :afterId") + " ORDER BY id LIMIT :limit").bind("limit", limit);
            if (afterId != null) {
                query.bind("afterId", afterId);
            }
            return query.map((row, ctx) -> new IdentifiedEntry(row.getString("id"), entryOf(row))).list();
        });
    }

    /** A blob and its row's id, for paging. */
    record IdentifiedEntry(String id, BlobEntry entry) {
    }

    /**
     * Deletes the blob of {@code key} if, as the delete finds it, it was last touched before
     * {@code cutoff} and no artifact row names it. A put's touch either commits before (the row
     * then fails the time condition, re-checked by the server on the row version the delete
     * locks) or waits for the delete and then finds no row (and stores its own copy).
     */
    boolean deleteIfUnreferenced(BlobKey key, Instant cutoff) {
        return context.database().write(ErrorContext.NONE, handle -> Rows.atMostOne(handle
                .createQuery("DELETE FROM " + BLOBS + " WHERE sha256 = :sha256 AND compression = :compression"
                        + " AND touched_at < :cutoff AND NOT EXISTS (SELECT 1 FROM opstate_artifacts a"
                        + " WHERE a.sha256 = " + BLOBS + ".sha256 AND a.compression = " + BLOBS + ".compression)"
                        + " RETURNING id")
                .bind("sha256", key.sha256()).bind("compression", key.compression().name()).bind("cutoff", cutoff)
                .mapTo(String.class).list(), "artifact blob collection").isPresent());
    }

    /** Deletes uploads no chunk was added to since {@code cutoff} (puts that died); returns how many. */
    long deleteDeadUploads(Instant cutoff) {
        return context.database().write(ErrorContext.NONE, handle -> (long) handle
                .createUpdate("DELETE FROM " + BLOBS + " WHERE sha256 IS NULL AND touched_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    private BlobEntry entryOf(java.sql.ResultSet row) throws java.sql.SQLException {
        return new BlobEntry(new BlobKey(row.getString("sha256"), ArtifactCompression.valueOf(row.getString("compression"))),
                row.getLong("actual_size"), context.dialect().getTime(row, "touched_at"));
    }

    private static StorageUnavailableException collected(String uploadId) {
        return new StorageUnavailableException("artifact upload " + uploadId + " was collected as abandoned before it"
                + " finished (no chunk for longer than the garbage collection's grace period); put the artifact again");
    }
}
