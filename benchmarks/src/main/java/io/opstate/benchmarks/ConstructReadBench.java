package io.opstate.benchmarks;

import io.opstate.constructs.Construct;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A construct read by a random id of {@value CachedReads#CONSTRUCTS} ({@code constructs().get}),
 * with the read cache on and off ({@link CachedReads}). All of them fit the default cache, so once
 * warm every cached read is a hit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class ConstructReadBench {
    @Benchmark
    public Construct ours(CachedReads reads) {
        return reads.store.constructs().get(reads.randomConstruct());
    }
}
