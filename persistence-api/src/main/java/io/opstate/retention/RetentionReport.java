package io.opstate.retention;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link io.opstate.Maintenance#prune} removed, or would remove in a dry run. On the same
 * data, a dry run's counts equal those of a real run. Immutable.
 *
 * @param mode whether rows were removed ({@link PruneMode#DELETE}) or only counted
 * @param removed per kind of row, for every {@link RetentionEntity}: zero rows when the policy
 *     has no rule for it or nothing matched
 */
public record RetentionReport(PruneMode mode, Map<RetentionEntity, RetentionCount> removed) {
    public RetentionReport {
        Objects.requireNonNull(mode, "mode");
        EnumMap<RetentionEntity, RetentionCount> all = new EnumMap<>(RetentionEntity.class);
        for (RetentionEntity entity : RetentionEntity.values()) {
            all.put(entity, Objects.requireNonNullElse(removed.get(entity), RetentionCount.NONE));
        }
        removed = Collections.unmodifiableMap(all);
    }

    /** The count of one kind of row. */
    public RetentionCount of(RetentionEntity entity) {
        return removed.get(entity);
    }

    /** Rows of one kind, a shorthand for {@code of(entity).rows()}. */
    public long rows(RetentionEntity entity) {
        return of(entity).rows();
    }

    /** Rows of every kind together. */
    public long totalRows() {
        return removed.values().stream().mapToLong(RetentionCount::rows).sum();
    }
}
