package io.opstate.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * db-scheduler, the peer of OpState's claim + complete loop on PostgreSQL: a scheduler with as many
 * worker threads as the benchmark has threads, polling with lock-and-fetch (as in db-scheduler's
 * own published benchmark), executing no-op one-time tasks. Each benchmark op waits for one
 * execution to finish, so the score is executions per second. The queue is refilled before every
 * iteration by a batch insert, sized like OpState's ({@link QueueGauge}); db-scheduler deletes a
 * one-time task when it completes. PostgreSQL only.
 */
@State(Scope.Benchmark)
public class DbSchedulerPeer {
    private static final String SCHEMA = "CREATE TABLE scheduled_tasks (task_name text NOT NULL,"
            + " task_instance text NOT NULL, task_data bytea, execution_time timestamp with time zone NOT NULL,"
            + " picked BOOLEAN NOT NULL, picked_by text, last_success timestamp with time zone,"
            + " last_failure timestamp with time zone, consecutive_failures INT,"
            + " last_heartbeat timestamp with time zone, version BIGINT NOT NULL, priority SMALLINT,"
            + " PRIMARY KEY (task_name, task_instance))";

    @Param({"postgres"})
    public String backend;

    private BenchEnv env;
    private HikariDataSource dataSource;
    private Scheduler scheduler;
    private final Semaphore executed = new Semaphore(0);
    public QueueGauge gauge;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws Exception {
        env = BenchEnv.create(Backend.of(backend));
        if (!env.backend().postgres()) {
            throw new IllegalStateException("the db-scheduler peer runs on PostgreSQL only");
        }
        int threads = params.getThreads();
        dataSource = env.peerDataSource("dbscheduler", threads + 4);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            statement.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
            statement.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
            statement.execute("CREATE INDEX priority_execution_time_idx ON scheduled_tasks"
                    + " (priority DESC, execution_time ASC)");
        }
        OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> executed.release());
        scheduler = Scheduler.create(dataSource, noop)
                .threads(threads)
                .pollUsingLockAndFetch(0.5, 3.0)
                .pollingInterval(Duration.ofMillis(200))
                .build();
        scheduler.start();
        gauge = new QueueGauge(5_000);
    }

    @Setup(Level.Iteration)
    public void refill(IterationParams params) throws Exception {
        long size = gauge.sizeFor(params);
        long leftOver = queued();
        insert(size);
        executed.drainPermits();
        gauge.started(leftOver + size);
    }

    private void insert(long size) throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO scheduled_tasks (task_name,"
                     + " task_instance, execution_time, picked, version) VALUES ('noop', ?, now(), false, 1)")) {
            connection.setAutoCommit(false);
            for (long i = 1; i <= size; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.addBatch();
                if (i % 1_000 == 0 || i == size) {
                    insert.executeBatch();
                }
            }
            connection.commit();
        }
    }

    private synchronized void refillInline() throws InterruptedException {
        try {
            insert(10_000);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Iteration)
    public void measure(IterationParams params) throws Exception {
        gauge.ended(queued(), params);
    }

    private long queued() throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM scheduled_tasks WHERE NOT picked")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        scheduler.stop();
        dataSource.close();
        env.close();
    }

    /** Waits for one execution to finish; false when none came within a second (queue empty). */
    public boolean awaitExecution() throws InterruptedException {
        if (executed.tryAcquire(1, TimeUnit.SECONDS)) {
            return true;
        }
        if (gauge.dry()) {
            refillInline();
        }
        return false;
    }
}
