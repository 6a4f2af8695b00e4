package io.opstate.core.maintenance;

import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;

/**
 * The bounded steps of one long operation: before each step it checks the cancellation, after each
 * it reports progress; a listener that throws stops the operation as a cancellation would, its
 * exception the cause. Not thread-safe; one per run of an operation.
 */
public final class Steps {
    private final String operation;
    private final ProgressListener listener;
    private final Cancellation cancellation;
    private final long total;
    private long done;

    /**
     * @param operation what runs, e.g. {@code integrity-check}
     * @param total how many steps the operation will take, or {@link Progress#UNKNOWN}
     */
    public Steps(String operation, ProgressListener listener, Cancellation cancellation, long total) {
        this.operation = operation;
        this.listener = listener;
        this.cancellation = cancellation;
        this.total = total;
    }

    /** Runs {@code step} unless the operation was cancelled, then reports it done. */
    public <T> T run(String step, java.util.function.Supplier<T> work) {
        cancellation.throwIfCancelled(operation);
        T result = work.get();
        done++;
        try {
            listener.progress(new Progress(operation, step, done, total == Progress.UNKNOWN ? total
                    : Math.max(total, done)));
        } catch (RuntimeException e) {
            throw new OperationCancelledException(operation, e);
        }
        return result;
    }

    /** Like {@link #run(String, java.util.function.Supplier)}, for a step that returns nothing. */
    public void run(String step, Runnable work) {
        run(step, () -> {
            work.run();
            return null;
        });
    }
}
