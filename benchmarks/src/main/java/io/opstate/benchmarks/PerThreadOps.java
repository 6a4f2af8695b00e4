package io.opstate.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * How evenly the threads of a benchmark were served: each thread counts its own operations
 * ({@link Counter}), and at the end of every iteration the counts are printed as one line,
 * {@code # per-thread ops (<benchmark>, <warmup|measurement>): threads N, min .., mean .., max ..,
 * min/mean ..}, then reset. JMH itself reports only the sum. A thread's count includes the
 * operations it ran while the other threads started and stopped (JMH measures a window inside the
 * iteration), which every thread has alike. Read by {@link ManyThreadsReport}.
 */
public final class PerThreadOps {
    static final String PREFIX = "# per-thread ops (";

    private PerThreadOps() {
    }

    /** The counters of all threads of one benchmark. */
    @State(Scope.Benchmark)
    public static class Threads {
        final List<Counter> counters = new CopyOnWriteArrayList<>();

        @TearDown(Level.Iteration)
        public void print(BenchmarkParams benchmark, IterationParams iteration) {
            if (counters.isEmpty()) {
                return;
            }
            long min = Long.MAX_VALUE;
            long max = 0;
            long sum = 0;
            for (Counter counter : counters) {
                min = Math.min(min, counter.ops);
                max = Math.max(max, counter.ops);
                sum += counter.ops;
                counter.ops = 0;
            }
            double mean = (double) sum / counters.size();
            String name = benchmark.getBenchmark();
            System.out.printf(Locale.ROOT, "%n%s%s, %s): threads %d, min %d, mean %.1f, max %d, min/mean %.3f%n", PREFIX,
                    name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    iteration.getType().name().toLowerCase(Locale.ROOT), counters.size(), min, mean, max,
                    mean == 0 ? 0 : min / mean);
        }
    }

    /** One thread's count; the benchmark method calls {@link #add()} once per operation. */
    @State(Scope.Thread)
    public static class Counter {
        long ops;

        @Setup(Level.Trial)
        public void join(Threads threads) {
            threads.counters.add(this);
        }

        public void add() {
            ops++;
        }
    }
}
