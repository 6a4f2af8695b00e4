package io.opstate.sqlite.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.opstate.Durability;
import io.opstate.MigrationMode;
import io.opstate.PersistenceConfig;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * The connections of one SQLite store. Writes use exactly one read-write connection (a pool of
 * one, so threads queue for it up to the connection timeout instead of meeting SQLITE_BUSY);
 * reads use a pool of read-only connections, which in WAL mode never block the writer and are
 * never written through. Every connection runs with the busy timeout, so another process holding
 * the lock is waited for. Both pools are handed to the configuration's
 * {@link io.opstate.operations.StoreObserver} as they open, named {@code opstate-sqlite-<n>-writer}
 * and {@code opstate-sqlite-<n>-readers}, {@code n} counting the stores of the process, so that
 * the pool metrics of two stores stay apart.
 */
final class SqliteConnections {
    private static final AtomicInteger STORES = new AtomicInteger();

    private SqliteConnections() {
    }

    /** The prefix of the names of one store's pools. */
    static String poolNames() {
        return "opstate-sqlite-" + STORES.incrementAndGet();
    }

    /**
     * Unpooled read-write connections with the store's pragmas: WAL, foreign keys, synchronous
     * NORMAL (FULL with {@link Durability#FULL}), busy timeout, immediate transactions. Creates
     * the file when missing only in migration mode MIGRATE. For the migration and the writer pool.
     */
    static SQLiteDataSource readWrite(Path file, PersistenceConfig config) {
        SQLiteConfig sqlite = common(config);
        if (config.migrationMode() != MigrationMode.MIGRATE) {
            sqlite.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setSynchronous(config.durability() == Durability.FULL
                ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return dataSource(file, sqlite);
    }

    /** The pool of one writer connection of a store of its own. */
    static HikariDataSource writer(Path file, PersistenceConfig config) {
        return writer(file, config, poolNames());
    }

    /** The pool of read-only connections of a store of its own. */
    static HikariDataSource readers(Path file, PersistenceConfig config) {
        return readers(file, config, poolNames());
    }

    /**
     * The pool of one writer connection, named {@code <names>-writer}, checkpointing as SQLite does
     * by default until {@link CheckpointsBeside} sets it otherwise.
     */
    static HikariDataSource writer(Path file, PersistenceConfig config, String names) {
        HikariConfig hikari = pool(names + "-writer", readWrite(file, config), config);
        hikari.setMaximumPoolSize(1);
        hikari.setMinimumIdle(1);
        return opened(hikari, config);
    }

    /** The pool of read-only connections, at most {@link PersistenceConfig#poolMaxSize()}, named {@code <names>-readers}. */
    static HikariDataSource readers(Path file, PersistenceConfig config, String names) {
        SQLiteConfig sqlite = common(config);
        sqlite.setReadOnly(true);
        HikariConfig hikari = pool(names + "-readers", dataSource(file, sqlite), config);
        hikari.setReadOnly(true);
        hikari.setMaximumPoolSize(config.poolMaxSize());
        hikari.setMinimumIdle(config.poolMinIdle());
        return opened(hikari, config);
    }

    private static HikariDataSource opened(HikariConfig hikari, PersistenceConfig config) {
        HikariDataSource pool = new HikariDataSource(hikari);
        config.observer().poolOpened(hikari.getPoolName(), pool);
        return pool;
    }

    /**
     * Unpooled read-only connections for the read cache's check of other connections' commits
     * ({@code PRAGMA data_version}); the cache keeps one open.
     */
    static SQLiteDataSource watcher(Path file, PersistenceConfig config) {
        SQLiteConfig sqlite = common(config);
        sqlite.setReadOnly(true);
        return dataSource(file, sqlite);
    }

    private static SQLiteConfig common(PersistenceConfig config) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        return sqlite;
    }

    private static SQLiteDataSource dataSource(Path file, SQLiteConfig sqlite) {
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    private static HikariConfig pool(String name, DataSource dataSource, PersistenceConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(dataSource);
        hikari.setAutoCommit(true);
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setMaxLifetime(config.poolMaxLifetime().toMillis());
        return hikari;
    }
}
