package io.opstate.benchmarks;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Sizes the queue the claim benchmarks drain, so that an iteration never runs out of jobs yet the
 * table stays bounded: the next iteration gets 3 times what the last one could have claimed in
 * its time (JIT warm-up can double the rate between iterations), at least a floor. A warm-up
 * iteration that drains the queue stops claiming (it is warm-up); a measured one refills inline
 * and says so in the output, never a silently inflated figure. Thread-safe.
 */
final class QueueGauge {
    private final int floor;
    private volatile long filled;
    private volatile long startNanos;
    private volatile long dryNanos;
    private volatile boolean measuring;
    private long nextSize;

    QueueGauge(int floor) {
        this.floor = floor;
        this.nextSize = floor;
    }

    /** How many jobs to enqueue before the iteration described by {@code params}. */
    long sizeFor(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
        return nextSize;
    }

    /** The queue holds {@code count} jobs and the iteration starts now. */
    void started(long count) {
        filled = count;
        dryNanos = 0;
        startNanos = System.nanoTime();
    }

    /**
     * A claim found nothing. In a measured iteration the caller refills the queue inline (its
     * time counts against the benchmark, so the figure can only be understated) and the refill
     * is reported; returns whether to do so.
     */
    synchronized boolean dry() {
        if (dryNanos == 0) {
            dryNanos = System.nanoTime();
        }
        if (measuring) {
            inlineRefills++;
            System.out.printf("%n# queue ran dry after %d jobs in a measured iteration: refilling inline%n", filled);
        }
        return measuring;
    }

    private int inlineRefills;

    /** The iteration ended with {@code remaining} jobs still queued; sizes the next one. */
    void ended(long remaining, IterationParams params) {
        long end = dryNanos != 0 ? dryNanos : System.nanoTime();
        double seconds = Math.max(1e-3, (end - startNanos) / 1e9);
        double rate = (filled - remaining) / seconds;
        double iterationSeconds = params.getTime().convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
        nextSize = Math.max(floor, (long) (3 * rate * iterationSeconds) + 1_000);
        System.out.printf("%n# queue: %d filled, %d left, %.0f claims/s -> next fill %d%n",
                filled, remaining, rate, nextSize);
    }
}
