package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/** OpState under test, opened as a host would open it: {@code Persistence.open(config)}, default settings. */
public final class Ours {
    private Ours() {
    }

    /** An open store for the whole trial (one fork). */
    @State(Scope.Benchmark)
    public abstract static class Base {
        @Param({"memory", "sqlite-normal", "sqlite-full", "postgres"})
        public String backend;

        protected BenchEnv env;
        public Datastore store;

        @Setup(Level.Trial)
        public void open() {
            env = BenchEnv.create(Backend.of(backend));
            store = env.open();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            env.close();
        }

        /** Empties the tables the write benchmarks fill; the memory backend starts a new store. */
        protected void clear() {
            if (env.backend().memory()) {
                store.close();
                store = env.open();
            } else {
                env.clear("opstate_jobs", "opstate_executions", "opstate_history");
            }
        }

        /** Prints the table sizes an iteration ended with, for the report. */
        protected void printRows() {
            BatchStats.printAndReset();
            if (!env.backend().memory()) {
                System.out.printf("%n# rows at iteration end: jobs=%d executions=%d history=%d%n",
                        env.count("opstate_jobs"), env.count("opstate_executions"), env.count("opstate_history"));
            }
        }
    }

    /** A store whose tables start empty at every iteration (create, execution, history benchmarks). */
    @State(Scope.Benchmark)
    public static class Cleared extends Base {
        @Setup(Level.Iteration)
        public void clearTables() {
            clear();
        }

        @TearDown(Level.Iteration)
        public void rows() {
            printRows();
        }
    }

    /** A store whose tables stay as they are (progress benchmark: one row per thread, updated in place). */
    @State(Scope.Benchmark)
    public static class Plain extends Base {
    }

    /** A store holding the read table ({@link Fill#readTable}), unchanged by the benchmarks. */
    @State(Scope.Benchmark)
    public static class Filled extends Base {
        public List<String> ids;

        @Setup(Level.Trial)
        public void fill() {
            ids = Fill.readTable(store, env);
        }

        /** A random id of the read table. */
        public String randomId() {
            return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        }
    }

    /** A store whose queue is refilled before every iteration (claim + complete benchmark). */
    @State(Scope.Benchmark)
    public static class Queue extends Base {
        public QueueGauge gauge;

        @Setup(Level.Iteration)
        public void refill(IterationParams params) {
            if (gauge == null) {
                gauge = new QueueGauge(env.backend().memory() ? 100_000 : 5_000);
            }
            clear();
            long size = gauge.sizeFor(params);
            Fill.queued(store, (int) size);
            env.analyze("opstate_jobs");
            gauge.started(size);
        }

        /** Called by a claim that found the queue empty during a measured iteration. */
        public synchronized void refillInline() {
            if (store.jobs().countByStatus(JobQuery.all()).get(JobStatus.QUEUED) == 0) {
                Fill.queued(store, 10_000);
            }
        }

        @TearDown(Level.Iteration)
        public void measure(IterationParams params) {
            BatchStats.printAndReset();
            gauge.ended(store.jobs().countByStatus(JobQuery.all()).get(JobStatus.QUEUED), params);
        }
    }

    /**
     * A store holding {@value Fill#SESSIONS} sessions of one construct, their transcripts emptied
     * before every iteration (transcript append benchmarks); the memory backend starts a new store.
     */
    @State(Scope.Benchmark)
    public static class Sessions extends Base {
        final AtomicInteger taken = new AtomicInteger();

        @Setup(Level.Trial)
        public void sessions() {
            Fill.sessions(store);
        }

        @Setup(Level.Iteration)
        public void emptyTranscripts() {
            if (env.backend().memory()) {
                store.close();
                store = env.open();
                Fill.sessions(store);
            } else {
                env.resetTranscripts();
            }
        }

        @TearDown(Level.Iteration)
        public void entries() {
            BatchStats.printAndReset();
            if (!env.backend().memory()) {
                System.out.printf("%n# rows at iteration end: transcript entries=%d%n",
                        env.count("opstate_transcript_entries"));
            }
        }
    }

    /** The session of one benchmark thread: threads append to sessions of their own. */
    @State(Scope.Thread)
    public static class OwnSession {
        public String id;

        @Setup(Level.Trial)
        public void take(Sessions sessions) {
            id = Fill.sessionId(sessions.taken.getAndIncrement());
        }
    }

    /** One running job per benchmark thread, claimed once; the progress benchmark updates it. */
    @State(Scope.Thread)
    public static class HeldJob {
        public Job job;

        @Setup(Level.Trial)
        public void claim(Plain ours) {
            ours.store.jobs().create(io.opstate.jobs.NewJob.of(Payloads.JOB_TYPE).withPayload(Payloads.JOB));
            job = ours.store.jobs().claimNext("worker-" + Thread.currentThread().getId(), Set.of(), Fill.LEASE)
                    .orElseThrow();
        }
    }
}
