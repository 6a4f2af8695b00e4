package io.opstate.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baseline's connections, arranged as OpState arranges them but with no library around them.
 * SQLite: one read-write connection shared by every thread behind a lock, each write between
 * {@code BEGIN IMMEDIATE} and {@code COMMIT} issued as statements (the only arrangement
 * STACK.md found free of {@code SQLITE_BUSY} and of commits that fail after committing), and
 * one read-only connection per reading thread. PostgreSQL: one connection per thread for writes
 * (auto-commit off, a commit per write) and one for reads. Every connection prepares each
 * statement once and reuses it, as hand-written JDBC would; {@code -Dbench.raw.reuse=false}
 * prepares per call instead, to measure what statement reuse is worth.
 */
final class RawDb implements AutoCloseable {
    private static final boolean REUSE = Boolean.parseBoolean(System.getProperty("bench.raw.reuse", "true"));

    /** Work on one connection. */
    interface Work<T> {
        T run(Conn connection) throws SQLException;
    }

    /** A connection with its prepared statements. Confined to one thread at a time. */
    static final class Conn {
        final Connection jdbc;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Conn(Connection jdbc) {
            this.jdbc = jdbc;
        }

        /** The statement for {@code sql}, prepared on first use when reuse is on; close it only when reuse is off. */
        PreparedStatement prepare(NamedSql sql) throws SQLException {
            if (!REUSE) {
                return jdbc.prepareStatement(sql.jdbc());
            }
            PreparedStatement statement = prepared.get(sql.jdbc());
            if (statement == null) {
                statement = jdbc.prepareStatement(sql.jdbc());
                prepared.put(sql.jdbc(), statement);
            }
            return statement;
        }

        /** Releases a statement from {@link #prepare}: closes it when statements are not reused. */
        void release(PreparedStatement statement) throws SQLException {
            if (!REUSE) {
                statement.close();
            } else {
                statement.clearParameters();
            }
        }

        void execute(NamedSql sql) throws SQLException {
            PreparedStatement statement = prepare(sql);
            statement.execute();
            release(statement);
        }
    }

    private static final NamedSql BEGIN_IMMEDIATE = NamedSql.of("BEGIN IMMEDIATE");
    private static final NamedSql COMMIT = NamedSql.of("COMMIT");
    private static final NamedSql ROLLBACK = NamedSql.of("ROLLBACK");

    private final BenchEnv env;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Conn sqliteWriter;
    private final ThreadLocal<Conn> writers = new ThreadLocal<>();
    private final ThreadLocal<Conn> readers = new ThreadLocal<>();
    private final List<Conn> opened = new ArrayList<>();

    RawDb(BenchEnv env) throws SQLException {
        this.env = env;
        this.sqlite = env.backend().sqlite();
        if (!sqlite && !env.backend().postgres()) {
            throw new IllegalStateException("no raw JDBC baseline for the " + env.backend().label() + " backend");
        }
        this.sqliteWriter = sqlite ? open(false) : null;
    }

    RawDialect dialect() {
        return sqlite ? RawDialect.SQLITE : RawDialect.POSTGRES;
    }

    /** Runs {@code work} as one transaction on the writer. */
    <T> T write(Work<T> work) throws SQLException {
        if (sqlite) {
            writeLock.lock();
            try {
                sqliteWriter.execute(BEGIN_IMMEDIATE);
                try {
                    T result = work.run(sqliteWriter);
                    sqliteWriter.execute(COMMIT);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    sqliteWriter.execute(ROLLBACK);
                    throw e;
                }
            } finally {
                writeLock.unlock();
            }
        }
        Conn writer = writers.get();
        if (writer == null) {
            writer = open(false);
            writer.jdbc.setAutoCommit(false);
            writers.set(writer);
        }
        try {
            T result = work.run(writer);
            writer.jdbc.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            writer.jdbc.rollback();
            throw e;
        }
    }

    /** Runs {@code work} on this thread's read connection (auto-commit). */
    <T> T read(Work<T> work) throws SQLException {
        Conn reader = readers.get();
        if (reader == null) {
            reader = open(true);
            readers.set(reader);
        }
        return work.run(reader);
    }

    private Conn open(boolean readOnly) throws SQLException {
        Conn conn = new Conn(env.connect(readOnly));
        synchronized (opened) {
            opened.add(conn);
        }
        return conn;
    }

    @Override
    public void close() throws SQLException {
        synchronized (opened) {
            for (Conn conn : opened) {
                conn.jdbc.close();
            }
            opened.clear();
        }
    }
}
