package io.opstate.jdbc.copy;

/**
 * Told how a {@link StoreCopier} is getting on, on the copying thread. For each table, in copy
 * order, it is called once before the first row with {@code done == 0}, then after every batch
 * committed to the target, the last call having {@code done == total}. Must be quick and must not
 * throw; what it throws aborts the copy.
 */
@FunctionalInterface
public interface CopyListener {
    /** Ignores every report. */
    CopyListener NONE = (table, done, total) -> { };

    /**
     * @param table the table being copied, e.g. {@code jobs}
     * @param done rows of it committed to the target so far
     * @param total rows of it in the source
     */
    void progress(String table, long done, long total);
}
