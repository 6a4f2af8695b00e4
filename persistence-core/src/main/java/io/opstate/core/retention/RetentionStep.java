package io.opstate.core.retention;

import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import java.util.Map;

/**
 * One rule of a retention policy on one backend: counts the rows it selects, or removes them a
 * batch at a time. A step's count and the sum of its batches agree on the same data, and a step
 * counts only rows that no earlier step of the same run removes (a backend orders and words its
 * steps so).
 */
public interface RetentionStep {
    /** The kind of rows the step selects; the one whose batch size bounds it. */
    RetentionEntity entity();

    /** What a run of every batch would remove now, per kind of row (the step's own, and rows it counts that go with them). */
    Map<RetentionEntity, RetentionCount> count();

    /**
     * Removes at most {@code limit} rows of {@link #entity()} in one transaction (and what goes
     * with them) and returns what went; fewer than {@code limit} rows of the entity means none is left.
     */
    Map<RetentionEntity, RetentionCount> removeBatch(int limit);
}
