package io.opstate.jdbc.internal.retention;

import io.opstate.core.retention.RetentionStep;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.constructs.JdbcConstructRepository;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Constructs of some statuses not changed since a cutoff, each deleted with everything it owns
 * as {@code ConstructRepository.delete} does, a batch in one transaction.
 */
final class ConstructsStep implements RetentionStep {
    private static final String SELECTED = " FROM opstate_constructs WHERE status IN (<statuses>) AND updated_at < :cutoff";

    private final JdbcContext context;
    private final JdbcConstructRepository constructs;
    private final List<String> statuses;
    private final Instant cutoff;

    ConstructsStep(JdbcContext context, JdbcConstructRepository constructs, List<String> statuses, Instant cutoff) {
        this.context = context;
        this.constructs = constructs;
        this.statuses = statuses;
        this.cutoff = cutoff;
    }

    @Override
    public RetentionEntity entity() {
        return RetentionEntity.CONSTRUCTS;
    }

    @Override
    public Map<RetentionEntity, RetentionCount> count() {
        long rows = context.database().read(ErrorContext.NONE, handle -> handle.createQuery("SELECT COUNT(*)" + SELECTED)
                .bindList("statuses", statuses).bind("cutoff", cutoff).mapTo(Long.class).one());
        return Map.of(RetentionEntity.CONSTRUCTS, RetentionCount.rows(rows));
    }

    @Override
    public Map<RetentionEntity, RetentionCount> removeBatch(int limit) {
        int rows = constructs.deleteSelected(handle -> handle.createQuery("SELECT id" + SELECTED + " LIMIT :limit "
                        + context.dialect().rowLockClause())
                .bindList("statuses", statuses).bind("cutoff", cutoff).bind("limit", limit)
                .mapTo(String.class).list());
        return Map.of(RetentionEntity.CONSTRUCTS, RetentionCount.rows(rows));
    }
}
