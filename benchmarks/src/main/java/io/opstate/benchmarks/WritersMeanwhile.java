package io.opstate.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Writer threads calling the store while some long operation runs (a prune, a maintenance run):
 * each call's latency, for the harnesses whose measured window is that operation's own length.
 */
final class WritersMeanwhile {
    private WritersMeanwhile() {
    }

    /**
     * Runs {@code writers} threads, each calling {@code write} with its number (0-based) again and
     * again, while {@code during} runs on this thread; their calls' latencies.
     */
    static Latencies run(int writers, IntConsumer write, Runnable during) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<long[]>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(pool.submit(() -> {
                long[] nanos = new long[1024];
                int count = 0;
                while (!stop.get()) {
                    long begun = System.nanoTime();
                    write.accept(writer);
                    if (count == nanos.length) {
                        nanos = Arrays.copyOf(nanos, count * 2);
                    }
                    nanos[count++] = System.nanoTime() - begun;
                }
                return Arrays.copyOf(nanos, count);
            }));
        }
        long begun = System.nanoTime();
        try {
            during.run();
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        long elapsed = System.nanoTime() - begun;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> writer : running) {
            all.add(writer.get());
        }
        return Latencies.of(all, elapsed);
    }

    /** Sleeps {@code duration}: the operation of a phase of writers alone. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Call latencies of one phase. */
    record Latencies(long calls, double seconds, double medianMillis, double p99Millis, double p999Millis,
                     double worstMillis) {
        static Latencies of(List<long[]> perWriter, long elapsedNanos) {
            long[] all = perWriter.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            if (all.length == 0) {
                return new Latencies(0, elapsedNanos / 1e9, 0, 0, 0, 0);
            }
            return new Latencies(all.length, elapsedNanos / 1e9, at(all, 0.5), at(all, 0.99), at(all, 0.999),
                    all[all.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double quantile) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%,d appends in %.1f s (%,.0f/s); median %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
                    + " worst %.1f ms", calls, seconds, calls / seconds, medianMillis, p99Millis, p999Millis, worstMillis);
        }
    }
}
