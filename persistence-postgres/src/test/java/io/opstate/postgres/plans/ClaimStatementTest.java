package io.opstate.postgres.plans;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jdbc.internal.StoreAccess;
import io.opstate.jdbc.testing.QueuedWrites;
import io.opstate.jobs.Job;
import io.opstate.jobs.NewJob;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How claims reach the server. On a store with one connection, so that the statements the test
 * reads about ({@code pg_prepared_statements}, per session) are the ones the store ran:
 * <ul>
 *   <li>a claim's statement keeps one (generic) plan once prepared, instead of being planned anew
 *       at each execution, which a {@code LIMIT} bound as a parameter forced and which cost as
 *       much as running it;</li>
 *   <li>claims queued behind a write share one statement: under the server's clock every job it
 *       claims has the same {@code startedAt}, while claims run one by one would each have their
 *       own.</li>
 * </ul>
 */
class ClaimStatementTest {
    private static final String CLAIMS = "UPDATE opstate_jobs SET status = 'running'%";

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private static final int DEEP_QUEUE = 20_000;

    private String schema;
    private Datastore store;

    @BeforeEach
    void open() {
        schema = DATABASE.newSchema();
        store = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url() + "&prepareThreshold=1")
                .schema(schema).poolMaxSize(1).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aClaimStatementIsPlannedOnceNotAtEveryExecution() throws Exception {
        // a queue deep enough that a plan for an unknown LIMIT looks dear to the planner
        try (Connection admin = PostgresTestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("SET search_path = " + schema);
            statement.execute("INSERT INTO opstate_jobs (id, type, status, max_attempts, created_at, updated_at, not_before)"
                    + " SELECT lpad(g::text, 10, '0'), 't', 'queued', 3, now(), now(), now()"
                    + " FROM generate_series(1, " + DEEP_QUEUE + ") g");
            statement.execute("ANALYZE opstate_jobs");
        }
        for (int i = 0; i < 12; i++) {
            assertThat(store.jobs().claimBatch("w", Set.of(), Duration.ofMinutes(1), 3)).hasSize(3);
            assertThat(store.jobs().claimNext("w", Set.of("t"), Duration.ofMinutes(1))).isPresent();
        }

        List<Map<String, Object>> plans = access().write(handle -> handle.createQuery(
                "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE :claims")
                .bind("claims", CLAIMS).mapToMap().list());
        assertThat(plans).as("the batch claim and the typed claim").hasSize(2).allSatisfy(plan -> {
            assertThat((Long) plan.get("generic_plans")).as("executions on the prepared plan").isGreaterThanOrEqualTo(6);
            assertThat((Long) plan.get("custom_plans")).as("executions planned anew").isLessThanOrEqualTo(5);
        });
    }

    @Test
    void claimsQueuedBehindAWriteShareOneStatement() throws Exception {
        for (int i = 0; i < 10; i++) {
            store.jobs().create(NewJob.of("t").withPriority(i));
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> access().write(handle -> {
            held.countDown();
            await(release);
            return null;
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<List<Job>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String worker = "w" + i;
            Duration lease = Duration.ofMinutes(i + 1);
            int asked = i + 1;
            CompletableFuture<List<Job>> claim = new CompletableFuture<>();
            Thread claimer = new Thread(() -> {
                try {
                    claim.complete(store.jobs().claimBatch(worker, Set.of("t"), lease, asked));
                } catch (RuntimeException e) {
                    claim.completeExceptionally(e);
                }
            });
            claimer.start();
            QueuedWrites.awaitQueued(claimer); // one at a time: the queue holds them in the order of i
            claims.add(claim);
        }
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);

        List<List<Job>> claimed = new ArrayList<>();
        for (CompletableFuture<List<Job>> claim : claims) {
            claimed.add(claim.get(10, TimeUnit.SECONDS));
        }
        assertThat(claimed).extracting(List::size).containsExactly(1, 2, 3, 4);
        List<Job> all = claimed.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(Job::priority).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(all.stream().map(Job::startedAt).collect(Collectors.toSet()))
                .as("one statement, one statement_timestamp()").hasSize(1);
        for (int i = 0; i < claimed.size(); i++) {
            Duration lease = Duration.ofMinutes(i + 1);
            String worker = "w" + i;
            assertThat(claimed.get(i)).allSatisfy(job -> {
                assertThat(job.workerId()).isEqualTo(worker);
                assertThat(Duration.between(job.startedAt(), job.leaseExpiresAt())).isEqualTo(lease);
                assertThat(store.jobs().get(job.id())).isEqualTo(job);
            });
        }
    }

    private StoreAccess access() {
        return store.unwrap(StoreAccess.class).orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
