package io.opstate.jdbc.internal.retention;

import io.opstate.core.retention.RetentionStep;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import java.util.Map;

/**
 * A rule whose rows own nothing else: counted with one {@code COUNT(*)}, removed by a
 * {@code DELETE} of the keys of at most a batch of them, each batch its own transaction.
 * {@code condition} is SQL over {@code table}'s columns; {@code parameters} are bound to both.
 */
final class RowsStep implements RetentionStep {
    private final JdbcContext context;
    private final RetentionEntity entity;
    private final String count;
    private final String delete;
    private final Map<String, Object> parameters;

    RowsStep(JdbcContext context, RetentionEntity entity, String table, String key, String condition,
             Map<String, Object> parameters) {
        this.context = context;
        this.entity = entity;
        this.count = "SELECT COUNT(*) FROM " + table + " WHERE " + condition;
        this.delete = "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
                + " WHERE " + condition + " LIMIT :limit)";
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public RetentionEntity entity() {
        return entity;
    }

    @Override
    public Map<RetentionEntity, RetentionCount> count() {
        long rows = context.database().read(ErrorContext.NONE, handle -> handle.createQuery(count)
                .bindMap(parameters).mapTo(Long.class).one());
        return Map.of(entity, RetentionCount.rows(rows));
    }

    @Override
    public Map<RetentionEntity, RetentionCount> removeBatch(int limit) {
        int rows = context.database().write(ErrorContext.NONE, handle -> handle.createUpdate(delete)
                .bindMap(parameters).bind("limit", limit).execute());
        return Map.of(entity, RetentionCount.rows(rows));
    }
}
