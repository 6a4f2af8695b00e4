package io.opstate.examples.mimir;

import io.opstate.executions.ExecutionStatus;
import java.util.Locale;

/**
 * Mimir's words for how a run stands, and OpState's. Shared by the host and the one-time import of
 * Mimir's old tables ({@code io.opstate.examples.legacy}).
 */
public final class MimirStatuses {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private MimirStatuses() {
    }

    /**
     * OpState's status for one of Mimir's words; older spellings ({@code pending}, {@code success},
     * {@code error}, ...) and OpState's own names are accepted too.
     *
     * @throws IllegalArgumentException naming {@code field} for a word Mimir never wrote
     */
    public static ExecutionStatus toOpState(String field, String status) {
        String word = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "running", "pending" -> ExecutionStatus.RUNNING;
            case "completed", "success", "succeeded" -> ExecutionStatus.SUCCEEDED;
            case "failed", "error" -> ExecutionStatus.FAILED;
            case "cancelled", "canceled" -> ExecutionStatus.CANCELLED;
            default -> throw new IllegalArgumentException(field + ": unknown status '" + status
                    + "'; expected running, completed, failed or cancelled");
        };
    }

    /** Mimir's word for an OpState status. */
    public static String toMimir(ExecutionStatus status) {
        return switch (status) {
            case RUNNING -> MimirStatuses.RUNNING;
            case SUCCEEDED -> MimirStatuses.COMPLETED;
            case FAILED -> MimirStatuses.FAILED;
            case CANCELLED -> MimirStatuses.CANCELLED;
        };
    }
}
