package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.internal.CachedStatements;
import io.opstate.sqlite.testing.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared statements kept between uses on real SQLite connections behind HikariCP: reused from
 * one borrow to the next, lent to one user at a time, reset on return, bounded, and closed with
 * their connection or the cache.
 */
class CachedStatementsTest {
    private static final String COUNT = "SELECT count(*) FROM items";
    private static final String IDS = "SELECT id FROM items ORDER BY id";
    private static final String INSERT = "INSERT INTO items (id) VALUES (:id)";

    @TempDir
    Path folder;

    private Path file;
    private PersistenceConfig config;

    @BeforeEach
    void createStore() throws SQLException {
        file = folder.resolve("store.db");
        config = PersistenceConfig.builder(SqliteFile.url(file)).poolMaxSize(1).poolMinIdle(1)
                .busyTimeout(Duration.ofMillis(50)).build();
        Persistence.open(config).close();
        SqliteFile.execute(file, "CREATE TABLE items (id TEXT PRIMARY KEY)",
                "INSERT INTO items (id) VALUES ('a'), ('b'), ('c')");
    }

    @Test
    void aStatementIsReusedAcrossBorrowsOfTheWriter() throws SQLException {
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             CachedStatements cache = new CachedStatements()) {
            Jdbi jdbi = jdbi(writer, cache);
            List<Connection> borrowed = new ArrayList<>();
            PreparedStatement first = jdbi.withHandle(handle -> {
                borrowed.add(handle.getConnection());
                return update(handle, "BEGIN IMMEDIATE", new Capture());
            });
            jdbi.useHandle(handle -> handle.execute("COMMIT"));
            PreparedStatement second = jdbi.withHandle(handle -> {
                borrowed.add(handle.getConnection());
                return update(handle, "BEGIN IMMEDIATE", new Capture());
            });
            jdbi.useHandle(handle -> handle.execute("COMMIT"));

            assertThat(borrowed.get(1)).as("a second borrow").isNotSameAs(borrowed.get(0));
            assertThat(second).isSameAs(first);
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void nestedUseOfTheSameSqlGetsItsOwnStatement() throws SQLException {
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             CachedStatements cache = new CachedStatements()) {
            Jdbi jdbi = jdbi(writer, cache);
            Capture outer = new Capture();
            List<Capture> inner = new ArrayList<>();
            List<String> pairs = jdbi.withHandle(handle -> {
                List<String> result = new ArrayList<>();
                try (ResultIterator<String> ids = handle.createQuery(IDS).addCustomizer(outer)
                        .mapTo(String.class).iterator()) {
                    while (ids.hasNext()) {
                        String id = ids.next();
                        Capture each = new Capture();
                        inner.add(each);
                        result.add(id + handle.createQuery(IDS).addCustomizer(each).mapTo(String.class).list());
                    }
                }
                return result;
            });

            assertThat(pairs).containsExactly("a[a, b, c]", "b[a, b, c]", "c[a, b, c]");
            // Jdbi reads one row ahead, so the outer query has ended (and returned its statement) by the last row.
            for (Capture each : inner.subList(0, 2)) {
                assertThat(each.statement).isNotSameAs(outer.statement);
                assertThat(each.statement.isClosed()).as("uncached, closed on return").isTrue();
            }
            Capture again = new Capture();
            jdbi.useHandle(handle -> handle.createQuery(IDS).addCustomizer(again).mapTo(String.class).list());
            assertThat(again.statement).isSameAs(outer.statement);
        }
    }

    @Test
    void aResultLeftUnreadDoesNotHoldAReadSnapshot() throws SQLException {
        try (HikariDataSource readers = SqliteConnections.readers(file, config);
             CachedStatements cache = new CachedStatements()) {
            Jdbi jdbi = jdbi(readers, cache);
            // execute() steps to the first row and leaves it unread; a statement cached in that state would keep
            // its connection's read transaction, and the next read would not see later writes.
            PreparedStatement unread = run(jdbi, IDS);
            SqliteFile.execute(file, "INSERT INTO items (id) VALUES ('d')");

            assertThat(count(jdbi)).isEqualTo(4);
            assertThat(ids(jdbi)).containsExactly("a", "b", "c", "d");
            assertThat(run(jdbi, IDS)).isSameAs(unread);
        }
    }

    @Test
    void aStatementWhoseInsertHitADuplicateKeyWorksNextTime() throws SQLException {
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             CachedStatements cache = new CachedStatements()) {
            Jdbi jdbi = jdbi(writer, cache);
            Capture failed = new Capture();
            assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.createUpdate(INSERT).bind("id", "a")
                    .addCustomizer(failed).execute()))
                    .isInstanceOf(UnableToExecuteStatementException.class)
                    .hasMessageContaining("UNIQUE");
            Capture next = new Capture();
            jdbi.useHandle(handle -> handle.createUpdate(INSERT).bind("id", "e").addCustomizer(next).execute());

            assertThat(next.statement).as("kept, not dropped").isSameAs(failed.statement);
            assertThat(SqliteFile.strings(file, IDS)).containsExactly("a", "b", "c", "e");
        }
    }

    @Test
    @Timeout(10)
    void aStatementThatMetSqliteBusyWorksNextTime() throws SQLException {
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             CachedStatements cache = new CachedStatements();
             Connection other = SqliteFile.connect(file);
             Statement lock = other.createStatement()) {
            Jdbi jdbi = jdbi(writer, cache);
            Capture busy = new Capture();
            lock.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> jdbi.useHandle(handle -> update(handle, "BEGIN IMMEDIATE", busy)))
                    .isInstanceOf(UnableToExecuteStatementException.class)
                    .hasMessageContaining("SQLITE_BUSY");
            lock.execute("ROLLBACK");

            Capture next = new Capture();
            jdbi.useHandle(handle -> {
                update(handle, "BEGIN IMMEDIATE", next);
                handle.createUpdate(INSERT).bind("id", "e").execute();
                handle.execute("COMMIT");
            });
            assertThat(next.statement).isSameAs(busy.statement);
            assertThat(SqliteFile.strings(file, COUNT)).containsExactly("4");
        }
    }

    @Test
    void theLeastRecentlyUsedStatementIsClosedBeyondTheBound() throws SQLException {
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             CachedStatements cache = new CachedStatements(2)) {
            Jdbi jdbi = jdbi(writer, cache);
            PreparedStatement one = run(jdbi, "SELECT 1");
            PreparedStatement two = run(jdbi, "SELECT 2");
            assertThat(run(jdbi, "SELECT 1")).isSameAs(one);
            PreparedStatement three = run(jdbi, "SELECT 3");

            assertThat(two.isClosed()).as("least recently used").isTrue();
            assertThat(one.isClosed()).isFalse();
            assertThat(three.isClosed()).isFalse();
            assertThat(cache.size()).isEqualTo(2);
            assertThat(run(jdbi, "SELECT 1")).isSameAs(one);
        }
    }

    @Test
    @Timeout(10)
    void theStatementsOfAnEvictedConnectionAreClosedAndDropped() throws Exception {
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             CachedStatements cache = new CachedStatements()) {
            Jdbi jdbi = jdbi(writer, cache);
            List<Connection> borrowed = new ArrayList<>();
            PreparedStatement old = jdbi.withHandle(handle -> {
                borrowed.add(handle.getConnection());
                return update(handle, COUNT, new Capture());
            });
            Connection physical = old.getConnection();
            writer.evictConnection(borrowed.get(0));
            while (!physical.isClosed()) {
                Thread.sleep(5); // HikariCP closes an evicted connection on a thread of its own
            }

            PreparedStatement fresh = run(jdbi, "SELECT 1");

            assertThat(old.isClosed()).isTrue();
            assertThat(fresh.isClosed()).isFalse();
            assertThat(cache.size()).as("only the new connection's statement").isEqualTo(1);
        }
    }

    @Test
    void closedConnectionsLeaveNoStatementsBehind() throws SQLException {
        try (CachedStatements cache = new CachedStatements()) {
            // Unpooled: every handle opens a physical connection of its own and closes it.
            Jdbi jdbi = jdbi(SqliteConnections.readWrite(file, config), cache);
            List<PreparedStatement> statements = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statements.add(run(jdbi, COUNT));
            }

            assertThat(cache.size()).isEqualTo(1);
            for (PreparedStatement statement : statements.subList(0, 4)) {
                assertThat(statement.isClosed()).isTrue();
            }
        }
    }

    @Test
    void closingTheCacheClosesItsStatementsAndCachesNoMore() throws SQLException {
        try (HikariDataSource writer = SqliteConnections.writer(file, config)) {
            CachedStatements cache = new CachedStatements();
            Jdbi jdbi = jdbi(writer, cache);
            PreparedStatement idle = run(jdbi, COUNT);
            Capture lent = new Capture();
            List<String> ids = jdbi.withHandle(handle -> {
                List<String> read = new ArrayList<>();
                try (ResultIterator<String> rows = handle.createQuery(IDS).addCustomizer(lent)
                        .mapTo(String.class).iterator()) {
                    read.add(rows.next());
                    cache.close();
                    assertThat(idle.isClosed()).isTrue();
                    rows.forEachRemaining(read::add);
                }
                return read;
            });

            assertThat(ids).containsExactly("a", "b", "c");
            assertThat(lent.statement.isClosed()).as("closed on return").isTrue();
            PreparedStatement after = run(jdbi, COUNT);
            assertThat(after.isClosed()).isTrue();
            assertThat(cache.size()).isZero();
        }
    }

    @Test
    void aStatementItsUserLeftOpenIsTakenBackWhenTheHandleCloses() throws SQLException {
        try (HikariDataSource writer = SqliteConnections.writer(file, config);
             CachedStatements cache = new CachedStatements()) {
            Jdbi jdbi = jdbi(writer, cache);
            // In a callback Jdbi returns the statement when the handle closes: reset and kept.
            Capture inCallback = new Capture();
            jdbi.useHandle(handle -> handle.createQuery(IDS).addCustomizer(inCallback).mapTo(String.class)
                    .iterator().next());
            assertThat(inCallback.statement.isClosed()).isFalse();

            // Outside a callback Jdbi never returns it: the cache closes it with the handle.
            Capture outside = new Capture();
            try (Handle handle = jdbi.open()) {
                handle.createQuery(IDS).addCustomizer(outside).mapTo(String.class).iterator().next();
            }
            assertThat(outside.statement).isSameAs(inCallback.statement);
            assertThat(outside.statement.isClosed()).isTrue();
            assertThat(ids(jdbi)).containsExactly("a", "b", "c");
        }
    }

    private static Jdbi jdbi(DataSource dataSource, CachedStatements cache) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.setStatementBuilderFactory(cache);
        return jdbi;
    }

    /** Runs {@code sql} in a handle of its own, as {@link #update} does; returns the statement it ran. */
    private static PreparedStatement run(Jdbi jdbi, String sql) {
        return jdbi.withHandle(handle -> update(handle, sql, new Capture()));
    }

    private static int count(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery(COUNT).mapTo(Integer.class).one());
    }

    private static List<String> ids(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery(IDS).mapTo(String.class).list());
    }

    /** Executes {@code sql} with {@code execute()}, leaving any rows unread; returns the statement it ran. */
    private static PreparedStatement update(Handle handle, String sql, Capture capture) {
        handle.createUpdate(sql).addCustomizer(capture).execute();
        return capture.statement;
    }

    /** Remembers the JDBC statement a Jdbi statement ran on. */
    private static final class Capture implements StatementCustomizer {
        private PreparedStatement statement;

        @Override
        public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
            statement = stmt;
        }
    }
}
