package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.jobs.Job;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The raw-JDBC baseline's states, mirroring {@link Ours}: the schema (and any starting data) is
 * written by opening OpState once, which is then closed; the benchmarks run on {@link RawStore}.
 */
public final class Raw {
    private Raw() {
    }

    /** The baseline on a migrated, empty database for the whole trial. */
    @State(Scope.Benchmark)
    public abstract static class Base {
        @Param({"sqlite-normal", "sqlite-full", "postgres"})
        public String backend;

        protected BenchEnv env;
        RawStore store;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            env = BenchEnv.create(Backend.of(backend));
            try (Datastore migrated = env.open()) {
                prepare(migrated);
            }
            store = new RawStore(env);
        }

        /** Writes the trial's starting data through OpState before it is closed; none by default. */
        protected void prepare(Datastore migrated) {
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            store.close();
            env.close();
        }

        protected void printRows() {
            System.out.printf("%n# rows at iteration end: jobs=%d executions=%d history=%d%n",
                    env.count("opstate_jobs"), env.count("opstate_executions"), env.count("opstate_history"));
        }
    }

    @State(Scope.Benchmark)
    public static class Cleared extends Base {
        @Setup(Level.Iteration)
        public void clearTables() {
            env.clear("opstate_jobs", "opstate_executions", "opstate_history");
        }

        @TearDown(Level.Iteration)
        public void rows() {
            printRows();
        }
    }

    @State(Scope.Benchmark)
    public static class Plain extends Base {
    }

    @State(Scope.Benchmark)
    public static class Filled extends Base {
        public List<String> ids;

        @Override
        protected void prepare(Datastore migrated) {
            ids = Fill.readTable(migrated, env);
        }

        public String randomId() {
            return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        }
    }

    @State(Scope.Benchmark)
    public static class Queue extends Base {
        public QueueGauge gauge;

        @Setup(Level.Iteration)
        public void refill(IterationParams params) throws SQLException {
            if (gauge == null) {
                gauge = new QueueGauge(5_000);
            }
            env.clear("opstate_jobs", "opstate_executions", "opstate_history");
            long size = gauge.sizeFor(params);
            for (long done = 0; done < size; done += 1_000) {
                store.createJobs((int) Math.min(1_000, size - done), Payloads.JOB_TYPE, Payloads.JOB);
            }
            env.analyze("opstate_jobs");
            gauge.started(size);
        }

        /** Called by a claim that found the queue empty during a measured iteration. */
        public synchronized void refillInline() throws SQLException {
            if (env.count("opstate_jobs WHERE status = 'queued'") == 0) {
                for (int i = 0; i < 10; i++) {
                    store.createJobs(1_000, Payloads.JOB_TYPE, Payloads.JOB);
                }
            }
        }

        @TearDown(Level.Iteration)
        public void measure(IterationParams params) {
            gauge.ended(env.count("opstate_jobs") - env.count("opstate_jobs WHERE status <> 'queued'"), params);
        }
    }

    /** {@value Fill#SESSIONS} sessions of one construct, written through OpState; transcripts emptied every iteration. */
    @State(Scope.Benchmark)
    public static class Sessions extends Base {
        final AtomicInteger taken = new AtomicInteger();
        /** The sessions of the 8 callers whose appends {@code rawGrouped} commits together. */
        public final List<String> grouped = IntStream.range(0, 8).mapToObj(Fill::sessionId).toList();
        /** The sessions of the {@value JobCreateBench#MANY} callers whose appends {@code rawGrouped64} commits together. */
        public final List<String> many = IntStream.range(0, JobCreateBench.MANY).mapToObj(Fill::sessionId).toList();

        @Override
        protected void prepare(Datastore migrated) {
            Fill.sessions(migrated);
        }

        @Setup(Level.Iteration)
        public void emptyTranscripts() {
            env.resetTranscripts();
        }

        @TearDown(Level.Iteration)
        public void entries() {
            System.out.printf("%n# rows at iteration end: transcript entries=%d%n", env.count("opstate_transcript_entries"));
        }
    }

    @State(Scope.Thread)
    public static class OwnSession {
        public String id;

        @Setup(Level.Trial)
        public void take(Sessions sessions) {
            id = Fill.sessionId(sessions.taken.getAndIncrement());
        }
    }

    @State(Scope.Thread)
    public static class HeldJob {
        public Job job;

        @Setup(Level.Trial)
        public void claim(Plain raw) throws SQLException {
            raw.store.createJob(Payloads.JOB_TYPE, Payloads.JOB);
            job = raw.store.claimNext("worker-" + Thread.currentThread().getId(), Fill.LEASE).orElseThrow();
        }
    }
}
