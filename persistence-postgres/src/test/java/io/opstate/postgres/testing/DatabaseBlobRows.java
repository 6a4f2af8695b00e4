package io.opstate.postgres.testing;

import io.opstate.tck.StoredBlobs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The blobs of a PostgreSQL store keeping them in the database, looked at and damaged with
 * plain SQL on a connection of the test's own, as a faulty disk or an operator would.
 */
public final class DatabaseBlobRows implements StoredBlobs {
    /** The chunk length the store writes. */
    public static final int CHUNK = 1024 * 1024;
    private static final String NAME = "sha256 || CASE compression WHEN 'ZSTD' THEN '.zst' ELSE '' END";

    private final String schema;

    public DatabaseBlobRows(String schema) {
        this.schema = schema;
    }

    @Override
    public List<String> names() {
        return strings("SELECT " + NAME + " FROM " + schema + ".opstate_artifact_blobs WHERE sha256 IS NOT NULL ORDER BY 1");
    }

    @Override
    public List<String> leftovers() {
        return strings("SELECT id FROM " + schema + ".opstate_artifact_blobs WHERE sha256 IS NULL ORDER BY 1");
    }

    @Override
    public long storedSize(String blob) {
        return Long.parseLong(strings("SELECT COALESCE(SUM(length(c.data)), 0)::text FROM " + schema
                + ".opstate_artifact_blob_chunks c JOIN " + schema + ".opstate_artifact_blobs b ON b.id = c.blob_id WHERE "
                + NAME.replace("sha256", "b.sha256").replace("compression", "b.compression") + " = ?", blob).get(0));
    }

    @Override
    public void age(String blob, Duration age) {
        update("UPDATE " + schema + ".opstate_artifact_blobs SET touched_at = ? WHERE " + NAME + " = ?",
                Timestamp.from(Instant.now().minus(age)), blob);
    }

    /** Makes an unfinished upload look {@code age} old. */
    public void ageUpload(String uploadId, Duration age) {
        update("UPDATE " + schema + ".opstate_artifact_blobs SET touched_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(age)), uploadId);
    }

    @Override
    public void ageLeftovers(Duration age) {
        update("UPDATE " + schema + ".opstate_artifact_blobs SET touched_at = ? WHERE sha256 IS NULL",
                Timestamp.from(Instant.now().minus(age)));
    }

    @Override
    public void flipByte(String blob, long position) {
        int inChunk = (int) (position % CHUNK);
        update("UPDATE " + schema + ".opstate_artifact_blob_chunks SET data = set_byte(data, ?, get_byte(data, ?) # 90)"
                + " WHERE chunk = ? AND blob_id = (SELECT id FROM " + schema + ".opstate_artifact_blobs WHERE " + NAME
                + " = ?)", inChunk, inChunk, (int) (position / CHUNK), blob);
    }

    @Override
    public void remove(String blob) {
        update("DELETE FROM " + schema + ".opstate_artifact_blobs WHERE " + NAME + " = ?", blob);
    }

    @Override
    public void truncate(String blob, long length) {
        String id = "(SELECT id FROM " + schema + ".opstate_artifact_blobs WHERE " + NAME + " = ?)";
        int last = (int) (length / CHUNK);
        update("DELETE FROM " + schema + ".opstate_artifact_blob_chunks WHERE chunk > ? AND blob_id = " + id, last, blob);
        update("UPDATE " + schema + ".opstate_artifact_blob_chunks SET data = substring(data FROM 1 FOR ?)"
                + " WHERE chunk = ? AND blob_id = " + id, (int) (length % CHUNK), last, blob);
    }

    /** Runs one statement of the test's own. */
    public void update(String sql, Object... parameters) {
        try (Connection connection = PostgresTestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private List<String> strings(String sql, Object... parameters) {
        try (Connection connection = PostgresTestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
