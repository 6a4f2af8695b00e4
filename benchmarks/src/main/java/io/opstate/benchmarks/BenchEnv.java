package io.opstate.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Where one benchmark trial (one JMH fork) keeps its data: a fresh SQLite file in a temporary
 * directory, or the PostgreSQL schema {@value #PG_SCHEMA} dropped and recreated. Also the admin
 * connection that resets tables between iterations, and the data sources handed to the peers,
 * opened with the same settings OpState uses. Not thread-safe; used from JMH setup methods.
 */
public final class BenchEnv implements AutoCloseable {
    /** The PostgreSQL database; override with {@code -Dbench.pg.url=...}. Trust auth, user postgres. */
    public static final String PG_URL = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    /** {@code opstate.write-committers} for OpState's store; empty keeps the backend's default. */
    private static final String WRITE_COMMITTERS = System.getProperty("bench.write-committers", "");
    /** {@code opstate.cache.max-mb} for OpState's store (0: no read cache); empty keeps the default. */
    private static final String CACHE_MAX_MB = System.getProperty("bench.cache-max-mb", "");
    /**
     * OpState's connection timeout in milliseconds, default when empty. On a machine shared with
     * other builds a queue refill (1,000 single inserts in one transaction) can outlast the default.
     */
    private static final String CONNECTION_TIMEOUT_MILLIS = System.getProperty("bench.connection-timeout-ms", "");
    public static final String PG_USER = System.getProperty("bench.pg.user", "postgres");
    public static final String PG_SCHEMA = "bench";
    /** OpState's default busy timeout, given to every SQLite connection of the baseline and the peers. */
    static final int BUSY_TIMEOUT_MILLIS = (int) PersistenceConfig.DEFAULT_BUSY_TIMEOUT.toMillis();

    /** Every benchmark fork's heap. */
    static final String FORK_HEAP = "-Xmx2g";
    /**
     * Every benchmark fork compiles hot code after a tenth of HotSpot's usual call counts. A
     * commit-bound single-thread cell makes only a few thousand calls in its warm-up, below the
     * default thresholds of the optimising compiler: without this, the longer of two paths (the
     * library's against the hand-written baseline, a peer's against ours) was measured partly in
     * profiling code rather than in the code a long-running host would run.
     */
    static final String FORK_JIT = "-XX:CompileThresholdScaling=0.1";

    private final Backend backend;
    private final Path dir;
    private final String schema;
    /** Whether the data outlives this object: {@link #close} then keeps the files and the schema. */
    private final boolean kept;
    private Connection admin;

    private BenchEnv(Backend backend, Path dir, String schema, boolean kept) {
        this.backend = backend;
        this.dir = dir;
        this.schema = schema;
        this.kept = kept;
    }

    /** A fresh, empty environment for {@code backend}. */
    public static BenchEnv create(Backend backend) {
        try {
            BenchEnv env = new BenchEnv(backend, Files.createTempDirectory("opstate-bench-"), PG_SCHEMA, false);
            if (backend.postgres()) {
                env.sql("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA);
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An environment whose data is kept between trials (a fixture several forks read): the SQLite
     * file in {@code dir}, or the PostgreSQL schema {@code schema}; both created when missing,
     * never emptied here. {@link #close} closes the connection only; {@link #wipe} empties it.
     */
    public static BenchEnv kept(Backend backend, Path dir, String schema) {
        try {
            BenchEnv env = new BenchEnv(backend, Files.createDirectories(dir), schema, true);
            if (backend.postgres()) {
                env.sql("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties a kept environment: deletes its files, or drops and recreates its schema. */
    public void wipe() {
        closeAdmin();
        if (backend.postgres()) {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        }
        deleteFiles(false);
    }

    /** Removes a kept environment altogether: its directory, its schema. */
    public void discard() {
        closeAdmin();
        if (backend.postgres()) {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        deleteFiles(true);
    }

    private void closeAdmin() {
        try {
            if (admin != null) {
                admin.close();
                admin = null;
            }
        } catch (SQLException e) {
            System.err.println("# closing the admin connection: " + e);
        }
    }

    /** The PostgreSQL schema of this environment. */
    public String schema() {
        return schema;
    }

    public Backend backend() {
        return backend;
    }

    /** A file for a store, in this trial's directory. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** OpState's configuration: the backend's URL and durability, default settings otherwise. */
    public PersistenceConfig config() {
        String url = switch (backend) {
            case MEMORY -> "memory:";
            case SQLITE_NORMAL, SQLITE_FULL -> "jdbc:sqlite:" + file("opstate.db");
            case POSTGRES -> PG_URL + (PG_URL.contains("?") ? "&" : "?") + "user=" + PG_USER;
        };
        PersistenceConfig.Builder builder = PersistenceConfig.builder(url).durability(backend.durability());
        if (backend.postgres()) {
            builder.schema(schema);
        }
        if (!WRITE_COMMITTERS.isEmpty()) {
            builder.writeCommitters(Integer.parseInt(WRITE_COMMITTERS));
        }
        if (!CACHE_MAX_MB.isEmpty()) {
            builder.set(Settings.CACHE_MAX_MB, Integer.parseInt(CACHE_MAX_MB));
        }
        if (BatchStats.ENABLED) {
            builder.observer(BatchStats.INSTANCE);
        }
        if (!CONNECTION_TIMEOUT_MILLIS.isEmpty()) {
            builder.connectionTimeout(Duration.ofMillis(Long.parseLong(CONNECTION_TIMEOUT_MILLIS)));
        }
        return builder.build();
    }

    /** Opens OpState on this environment (migrating the schema). */
    public Datastore open() {
        return Persistence.open(config());
    }

    /**
     * The SQLite settings OpState's {@code SqliteConnections} uses: busy timeout; for writers also
     * WAL, foreign keys, synchronous NORMAL or FULL, and {@code BEGIN IMMEDIATE} transactions.
     */
    public SQLiteConfig sqliteConfig(boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.enforceForeignKeys(true);
            config.setSynchronous(backend == Backend.SQLITE_FULL
                    ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        return config;
    }

    /** A new connection to OpState's database with OpState's settings (raw baseline, admin). */
    public Connection connect(boolean readOnly) throws SQLException {
        if (backend.sqlite()) {
            SQLiteDataSource source = new SQLiteDataSource(sqliteConfig(readOnly));
            source.setUrl("jdbc:sqlite:" + file("opstate.db"));
            return source.getConnection();
        }
        if (backend.postgres()) {
            Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
            connection.setSchema(schema);
            return connection;
        }
        throw new IllegalStateException("the memory backend has no JDBC connection");
    }

    /**
     * A pooled data source for a peer, on its own file (SQLite) or in the bench schema (PostgreSQL),
     * with the same pragmas as OpState's writer (WAL, synchronous, busy timeout, foreign keys) but
     * the driver's default deferred transactions: the peers manage transactions through JDBC.
     */
    public HikariDataSource peerDataSource(String name, int poolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("peer-" + name);
        hikari.setMaximumPoolSize(poolSize);
        if (backend.sqlite()) {
            SQLiteConfig config = sqliteConfig(false);
            config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            SQLiteDataSource source = new SQLiteDataSource(config);
            source.setUrl("jdbc:sqlite:" + file(name + ".db"));
            hikari.setDataSource(source);
        } else if (backend.postgres()) {
            hikari.setJdbcUrl(PG_URL);
            hikari.setUsername(PG_USER);
            hikari.setSchema(schema);
        } else {
            throw new IllegalStateException("the memory backend has no data source");
        }
        return new HikariDataSource(hikari);
    }

    /** Empties {@code tables} of OpState's database (peers: of the given data source). */
    public void clear(String... tables) {
        try {
            clear(admin(), tables);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear " + String.join(", ", tables), e);
        }
    }

    /** Empties {@code tables} on {@code connection}; on SQLite also truncates the WAL. */
    public void clear(Connection connection, String... tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (backend.postgres()) {
                statement.execute("TRUNCATE " + String.join(", ", tables));
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                return;
            }
            boolean auto = connection.getAutoCommit();
            if (auto) {
                statement.execute("BEGIN IMMEDIATE");
            }
            for (String table : tables) {
                statement.execute("DELETE FROM " + table);
            }
            if (auto) {
                statement.execute("COMMIT");
            } else {
                connection.commit();
            }
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /**
     * Empties every transcript and its search documents and numbers each session from 1 again: the
     * transcript append benchmarks start every iteration from empty transcripts, as the other
     * writes from empty tables.
     */
    public void resetTranscripts() {
        String[] clearIndex = new SearchIndexSql(backend.postgres()).clearEntryDocuments();
        try (Statement statement = admin().createStatement()) {
            // the entries' search texts too, so that every iteration indexes its appends anew
            if (backend.postgres()) {
                statement.execute("TRUNCATE opstate_transcript_entries");
                for (String sql : clearIndex) {
                    statement.execute(sql);
                }
                statement.execute("UPDATE opstate_sessions SET last_sequence = 0");
                return;
            }
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("DELETE FROM opstate_transcript_entries");
            for (String sql : clearIndex) {
                statement.execute(sql);
            }
            statement.execute("UPDATE opstate_sessions SET last_sequence = 0");
            // The index's segments now hold only deleted rows: merged away here, not by the
            // iteration's first merge slice, which would time this reset.
            statement.execute("INSERT INTO opstate_search_index (opstate_search_index) VALUES ('optimize')");
            statement.execute("COMMIT");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the transcripts", e);
        }
    }

    /**
     * Refreshes the planner's statistics of {@code table} after a refill, as autovacuum would
     * soon after on a host: statistics of the last trial's table can steer a claim to sort the
     * whole queue instead of seeking the claim index. PostgreSQL only; SQLite plans without them.
     */
    public void analyze(String table) {
        if (!backend.postgres()) {
            return;
        }
        try (Statement statement = admin().createStatement()) {
            statement.execute("ANALYZE " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot analyze " + table, e);
        }
    }

    /** Rows in {@code table} of OpState's database. */
    public long count(String table) {
        try (Statement statement = admin().createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count " + table, e);
        }
    }

    /** The admin connection (auto-commit), opened on first use. */
    public Connection admin() throws SQLException {
        if (admin == null) {
            admin = connect(false);
        }
        return admin;
    }

    private void sql(String... statements) {
        try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL at " + PG_URL + ": " + e.getMessage(), e);
        }
    }

    /** Closes the admin connection and deletes the trial's files (a kept environment's stay). */
    @Override
    public void close() {
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (SQLException e) {
            System.err.println("# closing the admin connection: " + e);
        }
        if (!kept) {
            deleteFiles(true);
        }
    }

    private void deleteFiles(boolean withDir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(path -> withDir || !path.equals(dir))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("# cannot delete " + dir + ": " + e);
        }
    }

    /** Closes a peer's data source, if any. */
    public static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }
}
