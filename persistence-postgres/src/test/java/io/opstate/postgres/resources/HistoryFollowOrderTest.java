package io.opstate.postgres.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.history.AppendedEvents;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryPosition;
import io.opstate.history.NewHistoryEvent;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * History ids are drawn at insert: T1 takes id N, T2 takes N+1 and commits first. A follower
 * that trusted "every id after the last I read" would read N+1, move past it, and never see N
 * once T1 commits. {@code appendedAfter} must hand out both, each once, whichever transaction
 * began first.
 */
class HistoryFollowOrderTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    @Timeout(120)
    void lateCommitOfALowerIdIsNotSkipped() throws Exception {
        interleave(false);
    }

    /** T2 has its transaction id before T1 does (it wrote something first): the id order and the transaction order disagree. */
    @Test
    @Timeout(120)
    void lateCommitIsNotSkippedWhenTheFasterTransactionIsTheOlder() throws Exception {
        interleave(true);
    }

    private void interleave(boolean fasterIsOlder) throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = open(schema); Connection slow = connect(schema); Connection fast = connect(schema)) {
            long before = store.history().append(NewHistoryEvent.of("before")).id();
            HistoryPosition position = settled(store, HistoryPosition.START, List.of(before), new ArrayList<>());

            if (fasterIsOlder) {
                query(fast, "SELECT pg_current_xact_id()");
            }
            long n = insert(slow, "slow");
            long n1 = insert(fast, "fast");
            fast.commit();
            assertThat(n1).isEqualTo(n + 1);
            assertThat(n).isEqualTo(before + 1);

            List<Long> seen = new ArrayList<>();
            AppendedEvents whileSlowIsOpen = store.history().appendedAfter(position, 100);
            whileSlowIsOpen.events().forEach(event -> seen.add(event.id()));
            assertThat(seen).doesNotContain(n);
            position = whileSlowIsOpen.position();

            slow.commit();
            settled(store, position, List.of(n, n1), seen);
            assertThat(seen).containsExactlyInAnyOrder(n, n1);
        }
    }

    /** Reads on from {@code position} into {@code seen} until it holds {@code expected}; the position after. */
    private static HistoryPosition settled(Datastore store, HistoryPosition position, List<Long> expected,
                                           List<Long> seen) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HistoryPosition at = position;
        // Other tests' transactions on the server may hold the horizon back for a moment.
        while (!seen.containsAll(expected) && System.nanoTime() < until) {
            AppendedEvents read = store.history().appendedAfter(at, 100);
            read.events().stream().map(HistoryEvent::id).forEach(seen::add);
            at = read.position();
            if (read.events().isEmpty()) {
                Thread.sleep(20);
            }
        }
        assertThat(seen).containsAll(expected).doesNotHaveDuplicates();
        return at;
    }

    private static long insert(Connection connection, String event) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("INSERT INTO opstate_history (event, occurred_at)"
                + " VALUES ('" + event + "', statement_timestamp()) RETURNING id")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet ignored = statement.executeQuery(sql)) {
            ignored.next();
        }
    }

    private static Connection connect(String schema) throws SQLException {
        Connection connection = PostgresTestDatabase.connect();
        connection.createStatement().execute("SET search_path TO \"" + schema + "\"");
        connection.setAutoCommit(false);
        return connection;
    }

    private static Datastore open(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).build());
    }
}
