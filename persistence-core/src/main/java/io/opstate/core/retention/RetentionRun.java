package io.opstate.core.retention;

import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import io.opstate.core.Times;
import io.opstate.core.maintenance.WriterShare;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a backend's retention steps in order, a dry run counting each at once and a real run
 * removing batch after batch, reporting progress after each and looking at the cancellation
 * between them. What every backend's {@code Maintenance.prune} does once it has its steps.
 */
public final class RetentionRun {
    /** The operation named in progress reports and cancellations. */
    public static final String OPERATION = "retention";

    private final PruneMode mode;
    private final int batchSize;
    private final ProgressListener listener;
    private final Cancellation cancellation;
    private final Map<RetentionEntity, RetentionCount> removed = new EnumMap<>(RetentionEntity.class);

    private RetentionRun(PruneMode mode, int batchSize, ProgressListener listener, Cancellation cancellation) {
        this.mode = mode;
        this.batchSize = batchSize;
        this.listener = listener;
        this.cancellation = cancellation;
    }

    /**
     * Asks {@code stepsOf} for the policy's steps and runs them. The arguments were checked by
     * the validating store in front of the backend.
     *
     * @throws OperationCancelledException when cancelled or the listener threw, between two batches
     */
    public static RetentionReport run(RetentionPolicy policy, PruneMode mode, ProgressListener listener,
                                      Cancellation cancellation, Function<RetentionPolicy, List<RetentionStep>> stepsOf) {
        RetentionRun run = new RetentionRun(mode, policy.batchSize(), listener, cancellation);
        cancellation.throwIfCancelled(OPERATION);
        for (RetentionStep step : stepsOf.apply(policy)) {
            run.runStep(step);
        }
        return new RetentionReport(mode, run.removed);
    }

    /**
     * The time {@code age} before {@code now}, or {@link Times#MIN} (before which no stored time
     * lies) when that is earlier: an age beyond every stored time selects nothing. Null for a null age.
     */
    public static Instant cutoff(Instant now, Duration age) {
        if (age == null) {
            return null;
        }
        return age.compareTo(Duration.between(Times.MIN, now)) >= 0 ? Times.MIN : now.minus(age);
    }

    private void runStep(RetentionStep step) {
        if (mode == PruneMode.DRY_RUN) {
            Map<RetentionEntity, RetentionCount> counted = step.count();
            add(counted);
            report(step, rowsOf(counted, step), rowsOf(counted, step));
            return;
        }
        long done = 0;
        long rows;
        do {
            cancellation.throwIfCancelled(OPERATION);
            long started = System.nanoTime();
            Map<RetentionEntity, RetentionCount> batch = step.removeBatch(batchSize);
            long took = System.nanoTime() - started;
            add(batch);
            rows = rowsOf(batch, step);
            done += rows;
            report(step, done, rows < batchSize ? done : Progress.UNKNOWN);
            if (rows >= batchSize) {
                WriterShare.pauseAfter(OPERATION, took);
            }
        } while (rows >= batchSize);
    }

    private static long rowsOf(Map<RetentionEntity, RetentionCount> counts, RetentionStep step) {
        RetentionCount count = counts.get(step.entity());
        return count == null ? 0 : count.rows();
    }

    private void add(Map<RetentionEntity, RetentionCount> counts) {
        counts.forEach((entity, count) -> removed.merge(entity, count, RetentionCount::plus));
    }

    private void report(RetentionStep step, long done, long total) {
        try {
            listener.progress(new Progress(OPERATION, step.entity().label(), done, total));
        } catch (RuntimeException e) {
            throw new OperationCancelledException(OPERATION, e);
        }
    }
}
