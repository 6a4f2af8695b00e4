package io.opstate.postgres.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.DuplicateDedupKeyException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.jobs.OnDuplicateKey;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The race the dedup index settles between processes, made deterministic: another process has
 * inserted a job holding the key in a transaction it has not committed yet, so the store's
 * statement cannot see the row but meets its index entry, waits for that transaction, and then
 * decides on its outcome. A statement that merely looked first would let both jobs in.
 */
class UncommittedKeyHolderTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private static final String KEY = "pull:llama3:8b";
    /** Long enough for the store's statement to reach the server and wait there. */
    private static final long WAITING_MILLIS = 300;

    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private String schema;
    private Datastore store;
    private Connection otherProcess;

    @BeforeEach
    void open() throws SQLException {
        schema = DATABASE.newSchema();
        store = Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).build());
        otherProcess = PostgresTestDatabase.connect();
        otherProcess.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        caller.shutdownNow();
        otherProcess.close();
        store.close();
    }

    @Test
    void aCreateWaitsForTheOtherTransactionAndReturnsItsJobOnceCommitted() throws Exception {
        insertUncommittedHolder("theirs");
        Future<Job> ours = caller.submit(() -> store.jobs().create(NewJob.of("pull").withId("ours")
                .withDedupKey(KEY, OnDuplicateKey.RETURN_EXISTING)));
        assertWaiting(ours);

        otherProcess.commit();

        assertThat(ours.get(30, TimeUnit.SECONDS).id()).isEqualTo("theirs");
        assertThat(store.jobs().find("ours")).isEmpty();
    }

    @Test
    void aCreateTakesTheKeyWhenTheOtherTransactionRollsBack() throws Exception {
        insertUncommittedHolder("theirs");
        Future<Job> ours = caller.submit(() -> store.jobs().create(NewJob.of("pull").withId("ours").withDedupKey(KEY)));
        assertWaiting(ours);

        otherProcess.rollback();

        assertThat(ours.get(30, TimeUnit.SECONDS).id()).isEqualTo("ours");
        assertThat(store.jobs().findUnfinishedByDedupKey(KEY)).map(Job::id).contains("ours");
    }

    @Test
    void aRetryThatLosesTheKeyIsRefusedNamingTheWinnerAndTheJobStaysFailed() throws Exception {
        store.jobs().create(NewJob.of("pull").withId("old").withDedupKey(KEY));
        Job claimed = store.jobs().claimNext("w1", Set.of("pull"), Duration.ofMinutes(1)).orElseThrow();
        store.jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("registry unreachable"));
        insertUncommittedHolder("theirs");
        Future<Job> retry = caller.submit(() -> store.jobs().retry("old", null));
        assertWaiting(retry);

        otherProcess.commit();

        assertThatThrownBy(() -> retry.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DuplicateDedupKeyException.class)
                .satisfies(e -> assertThat(((DuplicateDedupKeyException) e).existingJobId()).isEqualTo("theirs"));
        assertThat(store.jobs().get("old").status()).isEqualTo(JobStatus.FAILED);
    }

    /** What a create of another process writes, left uncommitted. */
    private void insertUncommittedHolder(String id) throws SQLException {
        try (PreparedStatement insert = otherProcess.prepareStatement("INSERT INTO " + schema + ".opstate_jobs"
                + " (id, type, status, attempts, max_attempts, priority, created_at, updated_at, not_before,"
                + " claim_token, version, dedup_key) VALUES (?, 'pull', 'queued', 0, 3, 0, now(), now(), now(), 0, 1, ?)")) {
            insert.setString(1, id);
            insert.setString(2, KEY);
            insert.executeUpdate();
        }
    }

    private static void assertWaiting(Future<?> call) {
        assertThatThrownBy(() -> call.get(WAITING_MILLIS, TimeUnit.MILLISECONDS))
                .as("the store's statement waits for the other transaction").isInstanceOf(TimeoutException.class);
    }
}
