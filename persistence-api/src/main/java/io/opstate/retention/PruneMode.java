package io.opstate.retention;

/** Whether {@link io.opstate.Maintenance#prune} deletes or only counts what a policy would delete. */
public enum PruneMode {
    /** Counts what {@link #DELETE} would remove from the store as it is now, removing nothing. */
    DRY_RUN,
    /** Removes what the policy selects, in bounded batches. */
    DELETE
}
