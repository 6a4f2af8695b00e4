package io.opstate.benchmarks;

import javax.sql.DataSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/**
 * JobRunr's storage, the peer of OpState's job create: {@code StorageProvider.save(job)} of a new
 * enqueued job whose one argument is the same ~200-byte payload. SQLite: its
 * {@code SqLiteStorageProvider} on a HikariCP pool of the default 10 connections (as JobRunr's
 * documentation configures it) over its own file with OpState's pragmas; PostgreSQL: its
 * {@code PostgresStorageProvider} in the bench schema; memory: {@code InMemoryStorageProvider}.
 * The jobs table is emptied before every iteration. A save that throws (under many threads JobRunr
 * may refuse work, e.g. with SQLite's "database is locked") does not end the run: it is counted,
 * and every iteration ends with {@code # jobrunr saves (<warmup|measurement>): attempted N, failed
 * F, failure rate R}, so that the figure can be read as attempts and the rate beside it.
 */
@State(Scope.Benchmark)
public class JobRunrPeer {
    static final String FAILURES = "# jobrunr saves (";

    @Param({"memory", "sqlite-normal", "sqlite-full", "postgres"})
    public String backend;

    private BenchEnv env;
    private DataSource dataSource;
    private StorageProvider storage;
    private JobMapper mapper;
    private final LongAdder attempted = new LongAdder();
    private final LongAdder failed = new LongAdder();

    @Setup(Level.Trial)
    public void open() {
        env = BenchEnv.create(Backend.of(backend));
        mapper = new JobMapper(new JacksonJsonMapper());
        storage = create();
    }

    private StorageProvider create() {
        StorageProvider provider;
        switch (env.backend()) {
            case MEMORY -> provider = new InMemoryStorageProvider();
            case SQLITE_NORMAL, SQLITE_FULL -> {
                dataSource = env.peerDataSource("jobrunr", 10);
                provider = new SqLiteStorageProvider(dataSource);
            }
            case POSTGRES -> {
                dataSource = env.peerDataSource("jobrunr", 10);
                provider = new PostgresStorageProvider(dataSource);
            }
            default -> throw new IllegalStateException(env.backend().label());
        }
        provider.setJobMapper(mapper);
        return provider;
    }

    @Setup(Level.Iteration)
    public void clear() throws Exception {
        if (env.backend().memory()) {
            storage.close();
            storage = create();
            return;
        }
        try (var connection = dataSource.getConnection()) {
            env.clear(connection, "jobrunr_jobs");
        }
    }

    @TearDown(Level.Iteration)
    public void rows(IterationParams iteration) throws Exception {
        long attempts = attempted.sumThenReset();
        long failures = failed.sumThenReset();
        System.out.printf(Locale.ROOT, "%n" + FAILURES + "%s): attempted %d, failed %d, failure rate %.4f%n",
                iteration.getType().name().toLowerCase(Locale.ROOT), attempts, failures,
                attempts == 0 ? 0.0 : (double) failures / attempts);
        if (!env.backend().memory()) {
            try (var connection = dataSource.getConnection();
                 var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*) FROM jobrunr_jobs")) {
                rows.next();
                System.out.printf("%n# rows at iteration end: jobrunr_jobs=%d%n", rows.getLong(1));
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        storage.close();
        BenchEnv.close(dataSource);
        env.close();
    }

    /** Saves one new enqueued job; null when JobRunr threw, which is counted. */
    public Job save() {
        JobDetails details = new JobDetails("io.opstate.benchmarks.Thumbnails", null, "resize",
                List.of(new JobParameter(String.class, Payloads.JOB)));
        attempted.increment();
        try {
            return storage.save(new Job(details));
        } catch (RuntimeException e) {
            if (failed.sum() == 0) {
                System.out.println("# jobrunr: first failure of a save: " + e);
            }
            failed.increment();
            return null;
        }
    }
}
