package io.opstate;

import java.util.List;

/**
 * The store was opened with {@link MigrationMode#VALIDATE} and its schema has migrations this
 * library would apply; nothing was applied and the store was not opened. {@link #pending()}
 * lists them in order, which is what a dry run of a migration reports.
 */
public class SchemaNotCurrentException extends MigrationFailedException {
    private final List<String> pending;

    /** @param pending each pending migration as {@code V<version> <description>}, in the order they would run */
    public SchemaNotCurrentException(List<String> pending, String message) {
        super(pending.isEmpty() ? null : pending.get(0), message, null);
        this.pending = List.copyOf(pending);
    }

    /** The migrations that would be applied, in order, each as {@code V<version> <description>}. */
    public List<String> pending() {
        return pending;
    }
}
