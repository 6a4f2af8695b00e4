package io.opstate.jdbc.internal.retention;

import io.opstate.artifacts.Artifact;
import io.opstate.core.retention.RetentionStep;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.artifacts.JdbcArtifactRows;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Artifacts, by age or by a quota of stored bytes. A batch deletes rows and their share of the
 * usage sums as {@code ArtifactRepository.delete} does; blobs go with the next garbage
 * collection. The quota removes the oldest artifacts (by put time, then id) until the stored
 * sizes of the rest add up to at most the quota; its count leaves out what the age rule of the
 * same run removes before it.
 */
final class ArtifactsStep implements RetentionStep {
    private static final String OLDEST = "SELECT id, stored_size FROM opstate_artifacts";
    private static final String ORDER = " ORDER BY created_at, id";

    private final JdbcContext context;
    private final JdbcArtifactRows rows;
    /** Artifacts put before this go; for the quota step, those that the age step removes first (null: none). */
    private final Instant cutoff;
    /** Null for the age step. */
    private final Long quota;

    private ArtifactsStep(JdbcContext context, JdbcArtifactRows rows, Instant cutoff, Long quota) {
        this.context = context;
        this.rows = rows;
        this.cutoff = cutoff;
        this.quota = quota;
    }

    static ArtifactsStep olderThan(JdbcContext context, JdbcArtifactRows rows, Instant cutoff) {
        return new ArtifactsStep(context, rows, cutoff, null);
    }

    /** @param ageCutoff the cutoff of the age step running before, or null when there is none */
    static ArtifactsStep overQuota(JdbcContext context, JdbcArtifactRows rows, long quota, Instant ageCutoff) {
        return new ArtifactsStep(context, rows, ageCutoff, quota);
    }

    @Override
    public RetentionEntity entity() {
        return RetentionEntity.ARTIFACTS;
    }

    @Override
    public Map<RetentionEntity, RetentionCount> count() {
        return context.database().read(ErrorContext.NONE, handle -> {
            if (quota == null) {
                return Map.of(RetentionEntity.ARTIFACTS, handle.createQuery("SELECT COUNT(*) AS n,"
                                + " COALESCE(SUM(stored_size), 0) AS bytes FROM opstate_artifacts WHERE created_at < :cutoff")
                        .bind("cutoff", cutoff)
                        .map((row, ctx) -> new RetentionCount(row.getLong("n"), row.getLong("bytes"))).one());
            }
            String kept = cutoff == null ? "" : " WHERE created_at >= :cutoff";
            long total = handle.createQuery("SELECT COALESCE(SUM(stored_size), 0) FROM opstate_artifacts" + kept)
                    .bindMap(cutoffParameter()).mapTo(Long.class).one();
            long excess = total - quota;
            long removed = 0;
            long bytes = 0;
            if (excess > 0) {
                try (var oldest = handle.createQuery(OLDEST + kept + ORDER).bindMap(cutoffParameter())
                        .map((row, ctx) -> row.getLong("stored_size")).stream()) {
                    var sizes = oldest.iterator();
                    while (bytes < excess && sizes.hasNext()) {
                        bytes += sizes.next();
                        removed++;
                    }
                }
            }
            return Map.of(RetentionEntity.ARTIFACTS, new RetentionCount(removed, bytes));
        });
    }

    private Map<String, Object> cutoffParameter() {
        return cutoff == null ? Map.of() : Map.of("cutoff", cutoff);
    }

    @Override
    public Map<RetentionEntity, RetentionCount> removeBatch(int limit) {
        List<Artifact> deleted = context.database().write(ErrorContext.NONE,
                handle -> rows.deleteRows(handle, quota == null
                        ? handle.createQuery("SELECT id FROM opstate_artifacts WHERE created_at < :cutoff LIMIT :limit")
                                .bind("cutoff", cutoff).bind("limit", limit).mapTo(String.class).list()
                        : overQuota(handle, limit)));
        return Map.of(RetentionEntity.ARTIFACTS, new RetentionCount(deleted.size(),
                deleted.stream().mapToLong(Artifact::storedSize).sum()));
    }

    /** The oldest artifacts, at most {@code limit}, whose removal brings the stored bytes nearest the quota from above. */
    private List<String> overQuota(org.jdbi.v3.core.Handle handle, int limit) {
        long total = handle.createQuery("SELECT COALESCE(SUM(stored_bytes), 0) FROM opstate_artifact_usage")
                .mapTo(Long.class).one();
        long excess = total - quota;
        List<String> ids = new ArrayList<>();
        if (excess <= 0) {
            return ids;
        }
        long bytes = 0;
        for (Map.Entry<String, Long> row : handle.createQuery(OLDEST + ORDER + " LIMIT :limit").bind("limit", limit)
                .map((r, ctx) -> Map.entry(r.getString("id"), r.getLong("stored_size"))).list()) {
            if (bytes >= excess) {
                break;
            }
            ids.add(row.getKey());
            bytes += row.getValue();
        }
        return ids;
    }
}
