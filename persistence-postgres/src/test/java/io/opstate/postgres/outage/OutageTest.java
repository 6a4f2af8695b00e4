package io.opstate.postgres.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.opstate.Datastore;
import io.opstate.PersistenceException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server drops the store's connections (as on a restart or failover, done here with
 * {@code pg_terminate_backend}): operations fail fast with {@link StorageUnavailableException},
 * never a raw driver exception nor a hang, and the same store works again afterwards without
 * having leaked a connection.
 */
class OutageTest {
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** How long the server's sessions of the store may take to settle after an outage (see assertNoConnectionLeaked). */
    private static final Duration SESSIONS_SETTLE = Duration.ofSeconds(5);
    private static final int POOL = 4;

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private String applicationName;
    private String schema;

    @BeforeEach
    void names() {
        applicationName = "opstate-outage-" + UUID.randomUUID().toString().substring(0, 8);
        schema = DATABASE.newSchema();
    }

    private Datastore open() {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url("ApplicationName=" + applicationName))
                .schema(schema).poolMaxSize(POOL).poolMinIdle(POOL).connectionTimeout(CONNECTION_TIMEOUT).build());
    }

    @Test
    @Timeout(60)
    void aConnectionDroppedMidTransactionFailsTypedAndTheStoreRecovers() throws Exception {
        Set<ObjectName> poolsBefore = pools();
        try (Datastore store = open()) {
            HikariPoolMXBean pool = newPool(poolsBefore);
            store.jobs().create(NewJob.of("t").withId("before"));

            long started = System.nanoTime();
            Throwable thrown = catchThrowable(() -> store.inTransaction(tx -> {
                tx.jobs().create(NewJob.of("t").withId("lost"));
                assertThat(terminateBackends()).isPositive();
                return tx.jobs().create(NewJob.of("t").withId("also-lost"));
            }));
            assertThat(thrown).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("nothing was written");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CONNECTION_TIMEOUT);

            Job claimed = store.jobs().claimNext("w", Set.of("t"), Duration.ofSeconds(30)).orElseThrow();
            assertThat(claimed.id()).isEqualTo("before");
            store.jobs().complete(claimed.id(), claimed.fencingToken(), null);
            assertThat(store.jobs().find("lost")).isEmpty();
            assertThat(store.maintenance().health().reachable()).isTrue();
            assertNoConnectionLeaked(pool);
        }
    }

    @Test
    @Timeout(120)
    void workersHammeringThroughRepeatedOutagesSeeOnlyTypedErrorsAndRecover() throws Exception {
        Set<ObjectName> poolsBefore = pools();
        try (Datastore store = open()) {
            HikariPoolMXBean pool = newPool(poolsBefore);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService workers = Executors.newFixedThreadPool(POOL);
            List<Future<List<Throwable>>> failures = new ArrayList<>();
            for (int w = 0; w < POOL; w++) {
                String worker = "w" + w;
                failures.add(workers.submit(() -> work(store, worker, running)));
            }
            for (int round = 0; round < 5; round++) {
                Thread.sleep(300);
                terminateBackends();
            }
            Thread.sleep(300);
            running.set(false);
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<Throwable> all = new ArrayList<>();
            for (Future<List<Throwable>> future : failures) {
                all.addAll(future.get());
            }
            assertThat(all).as("failures during the outages").isNotEmpty()
                    .allSatisfy(e -> assertThat(e).isInstanceOf(StorageUnavailableException.class));
            assertThat(store.jobs().create(NewJob.of("after")).id()).isNotNull();
            assertNoConnectionLeaked(pool);
        }
    }

    /** Creates, claims and completes jobs until stopped; returns the failures, each timed against the bound. */
    private static List<Throwable> work(Datastore store, String worker, AtomicBoolean running) {
        List<Throwable> failures = new ArrayList<>();
        while (running.get()) {
            long started = System.nanoTime();
            try {
                store.jobs().create(NewJob.of(worker));
                store.jobs().claimNext(worker, Set.of(worker), Duration.ofSeconds(30))
                        .ifPresent(job -> store.jobs().complete(job.id(), job.fencingToken(), null));
            } catch (PersistenceException e) {
                failures.add(e);
            } catch (RuntimeException e) {
                failures.add(new AssertionError("untyped failure", e));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(CONNECTION_TIMEOUT.multipliedBy(3)) > 0) {
                failures.add(new AssertionError("an iteration took " + took));
            }
        }
        return failures;
    }

    /** Ends every server session of the store; returns how many. */
    private int terminateBackends() {
        try (Connection connection = PostgresTestDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND application_name = '" + applicationName + "'")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the store's sessions", e);
        }
    }

    /**
     * Every connection back in the pool, nobody waiting, and none left open in a transaction on the
     * server. The pool refills itself in the background after an outage, and a session it is
     * opening runs its set-up statements (active for a moment), so the server is asked until every
     * session is idle, for at most {@link #SESSIONS_SETTLE}: a session left in a transaction stays.
     */
    private void assertNoConnectionLeaked(HikariPoolMXBean pool) throws SQLException, InterruptedException {
        assertThat(pool.getActiveConnections()).as("connections in use").isZero();
        assertThat(pool.getThreadsAwaitingConnection()).isZero();
        assertThat(pool.getTotalConnections()).isLessThanOrEqualTo(POOL);
        long deadline = System.nanoTime() + SESSIONS_SETTLE.toNanos();
        List<String> busy = busySessions();
        while (!busy.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            busy = busySessions();
        }
        assertThat(busy).as("server sessions of the store not idle after " + SESSIONS_SETTLE.toMillis() + " ms").isEmpty();
    }

    /** The store's sessions that are not idle, each as its state and query. */
    private List<String> busySessions() throws SQLException {
        List<String> busy = new ArrayList<>();
        try (Connection connection = PostgresTestDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT state, query FROM pg_stat_activity WHERE application_name = '"
                     + applicationName + "' AND state <> 'idle'")) {
            while (rows.next()) {
                busy.add(rows.getString("state") + ": " + rows.getString("query"));
            }
        }
        return busy;
    }

    private static Set<ObjectName> pools() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return new HashSet<>(server.queryNames(new ObjectName("com.zaxxer.hikari:type=Pool (*"), null));
    }

    /** The pool opened since {@code before}: the store's. */
    private static HikariPoolMXBean newPool(Set<ObjectName> before) throws Exception {
        Set<ObjectName> opened = pools();
        opened.removeAll(before);
        assertThat(opened).hasSize(1);
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), opened.iterator().next(),
                HikariPoolMXBean.class);
    }
}
