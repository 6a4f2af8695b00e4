package io.opstate.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Spring Batch's {@code JobRepository}, the peer of OpState's execution record: a new job instance
 * and execution ({@code createJobInstance} + {@code createJobExecution}, the start), then
 * {@code update} with status COMPLETED, exit status and end time (the finish). JDBC repository
 * from {@code JdbcJobRepositoryFactoryBean} over a {@code JdbcTransactionManager}; its own schema
 * script. SQLite: a pool of one connection (like OpState's writer; Spring Batch's
 * read-then-write transactions on several SQLite connections fail with SQLITE_BUSY) over its own
 * file with OpState's pragmas; PostgreSQL: a pool of 10 and isolation READ_COMMITTED for creates
 * (under its default SERIALIZABLE, concurrent creates abort). Spring Batch has no durable in-memory repository, so no memory
 * variant. The tables are emptied before every iteration.
 */
@State(Scope.Benchmark)
public class SpringBatchPeer {
    private static final String[] TABLES = {"BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION",
        "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION", "BATCH_JOB_INSTANCE"};

    @Param({"sqlite-normal", "sqlite-full", "postgres"})
    public String backend;

    private BenchEnv env;
    private HikariDataSource dataSource;
    private JobRepository repository;
    private final AtomicLong runs = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws Exception {
        env = BenchEnv.create(Backend.of(backend));
        if (env.backend().memory()) {
            throw new IllegalStateException("Spring Batch has no durable in-memory job repository");
        }
        dataSource = env.peerDataSource("springbatch", env.backend().sqlite() ? 1 : 10);
        String script = env.backend().sqlite() ? "schema-sqlite.sql" : "schema-postgresql.sql";
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("org/springframework/batch/core/" + script));
        }
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new JdbcTransactionManager(dataSource));
        if (env.backend().postgres()) {
            // Concurrent creates under the default SERIALIZABLE abort with serialization failures;
            // Spring Batch's documented setting for concurrent launches.
            factory.setIsolationLevelForCreate("ISOLATION_READ_COMMITTED");
        }
        factory.afterPropertiesSet();
        repository = factory.getObject();
    }

    @Setup(Level.Iteration)
    public void clear() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            env.clear(connection, TABLES);
        }
    }

    @TearDown(Level.Iteration)
    public void rows() throws Exception {
        try (var connection = dataSource.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")) {
            rows.next();
            System.out.printf("%n# rows at iteration end: BATCH_JOB_EXECUTION=%d%n", rows.getLong(1));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        dataSource.close();
        env.close();
    }

    /** Records one execution: created (started), then updated as completed. */
    public JobExecution record() {
        JobParameters parameters = new JobParametersBuilder().addLong("run", runs.incrementAndGet()).toJobParameters();
        JobInstance instance = repository.createJobInstance(Payloads.PIPELINE, parameters);
        JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
        LocalDateTime end = LocalDateTime.now();
        execution.setStartTime(execution.getCreateTime());
        execution.setStatus(BatchStatus.COMPLETED);
        execution.setExitStatus(ExitStatus.COMPLETED);
        execution.setEndTime(end);
        execution.setLastUpdated(end);
        repository.update(execution);
        return execution;
    }
}
