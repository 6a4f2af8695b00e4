package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.IllegalTransitionException;
import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.jdbc.JdbcDatastore;
import io.opstate.jdbc.WaitTimeouts;
import io.opstate.jdbc.internal.PlainConnection;
import io.opstate.jdbc.testing.QueuedWrites;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.schedules.NewSchedule;
import io.opstate.sqlite.testing.SqliteFile;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single inserts, completions and finishes that queue up behind a running transaction go in one
 * multi-row statement per kind, whatever their order in the queue; when that statement fails (or
 * a guarded update in it matches no row), each runs again alone, so a duplicate id, an unknown
 * schedule, a lost lease or a finished execution fails only its own caller, with its own typed
 * exception. The first write is held in its
 * {@code BEGIN} until the others are queued, so the batch they form is known; the writer's
 * statements are recorded as they are prepared (with statement reuse off, one per execution).
 */
class MultiRowWriteTest {
    private static final int QUEUED = 6;
    private static final String COMPLETE = "UPDATE opstate_jobs SET status = 'succeeded'";
    private static final String FINISH = "UPDATE opstate_executions SET status";
    private static final String CLAIM = "UPDATE opstate_jobs SET status = 'running'";

    @TempDir
    Path folder;

    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final HeldBegin dialect = new HeldBegin();
    private Datastore store;

    @BeforeEach
    void openStore() {
        Path file = folder.resolve("store.db");
        PersistenceConfig config = PersistenceConfig.builder(SqliteFile.url(file)).build();
        Persistence.open(config).close();
        Resources resources = new Resources("test store " + file);
        DataSource writer = recording(resources.add(SqliteConnections.writer(file, config)), prepared);
        DataSource readers = resources.add(SqliteConnections.readers(file, config));
        store = JdbcDatastore.create("sqlite", dialect, writer, readers, Clock.systemUTC(), WaitTimeouts.of(config),
                new SqliteProbe(file), resources);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void queuedStartsShareOneStatementAndEachCallerGetsItsOwnExecution() throws Exception {
        String schedule = store.schedules().create(NewSchedule.of("n", "etl", "0 * * * *").withId("s")).id();

        List<Object> outcomes = queueBehindOneWrite(
                () -> store.executions().start(NewExecution.of("etl", "first").withId("first")),
                i -> () -> store.executions().start(NewExecution.of("p" + i, "caller" + i).withId("e" + i)
                        .withScheduleId(i % 2 == 0 ? schedule : null).withJobId("job" + i)
                        .withContext("{\"i\": " + i + "}").withSteps("[" + i + "]")));

        assertThat(rowsPer("INSERT INTO opstate_executions")).containsExactly(1, QUEUED);
        for (int i = 0; i < QUEUED; i++) {
            Execution started = (Execution) outcomes.get(i);
            assertThat(started.id()).isEqualTo("e" + i);
            assertThat(started.pipeline()).isEqualTo("p" + i);
            assertThat(started.triggeredBy()).isEqualTo("caller" + i);
            assertThat(started.scheduleId()).isEqualTo(i % 2 == 0 ? schedule : null);
            assertThat(started.jobId()).isEqualTo("job" + i);
            assertThat(started.context().replace(" ", "")).isEqualTo("{\"i\":" + i + "}");
            assertThat(started.steps()).isEqualTo("[" + i + "]");
            assertThat(started.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(started.version()).isEqualTo(1);
            assertThat(store.executions().get("e" + i)).isEqualTo(started);
        }
    }

    @Test
    void aTakenIdOrAnUnknownScheduleInTheStatementFailsOnlyItsOwnStart() throws Exception {
        String schedule = store.schedules().create(NewSchedule.of("n", "etl", "0 * * * *").withId("s")).id();

        List<Object> outcomes = queueBehindOneWrite(
                () -> store.executions().start(NewExecution.of("etl", "first").withId("first")),
                i -> () -> store.executions().start(switch (i) {
                    case 1 -> NewExecution.of("p", "duplicate").withId("first");
                    case 4 -> NewExecution.of("p", "orphan").withId("e4").withScheduleId("no-such-schedule");
                    default -> NewExecution.of("p", "caller" + i).withId("e" + i).withScheduleId(schedule);
                }));

        assertThat(rowsPer("INSERT INTO opstate_executions"))
                .as("the shared statement fails, then each start runs alone")
                .containsExactly(1, QUEUED, 1, 1, 1, 1, 1, 1);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
            assertThat(e.entity()).isEqualTo("execution");
            assertThat(e.id()).isEqualTo("first");
        });
        assertThat(outcomes.get(4)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("schedule");
            assertThat(e.id()).isEqualTo("no-such-schedule");
        });
        for (int i : new int[] {0, 2, 3, 5}) {
            assertThat(outcomes.get(i)).isInstanceOf(Execution.class).isEqualTo(store.executions().get("e" + i));
        }
        assertThat(store.executions().get("first").triggeredBy()).isEqualTo("first");
        assertThat(store.executions().find("e4")).isEmpty();
    }

    @Test
    void queuedCreatesShareOneStatementAndADuplicateIdFailsOnlyItsOwnCreate() throws Exception {
        List<Object> outcomes = queueBehindOneWrite(
                () -> store.jobs().create(NewJob.of("first").withId("first")),
                i -> () -> store.jobs().create(NewJob.of("t" + i).withId(i == 2 ? "first" : "j" + i).withPriority(i)));

        assertThat(rowsPer("INSERT INTO opstate_jobs")).containsExactly(1, QUEUED, 1, 1, 1, 1, 1, 1);
        assertThat(prepared).filteredOn(sql -> sql.contains("INSERT INTO opstate_jobs"))
                .as("a new job's row reads back as given: the writer builds the jobs instead of reading them back")
                .noneMatch(sql -> sql.contains("RETURNING"));
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
            assertThat(e.entity()).isEqualTo("job");
            assertThat(e.id()).isEqualTo("first");
        });
        for (int i : new int[] {0, 1, 3, 4, 5}) {
            Job created = (Job) outcomes.get(i);
            assertThat(created.type()).isEqualTo("t" + i);
            assertThat(created.priority()).isEqualTo(i);
            assertThat(store.jobs().get("j" + i)).isEqualTo(created);
        }
    }

    @Test
    void queuedCompletionsShareOneStatementAndALostLeaseOrAMissingJobFailsOnlyItsOwn() throws Exception {
        List<Job> held = claimed(QUEUED + 1);
        Job first = held.get(QUEUED);

        List<Object> outcomes = queueBehindOneWrite(
                () -> store.jobs().complete(first.id(), first.fencingToken(), null),
                i -> () -> switch (i) {
                    case 1 -> store.jobs().complete(held.get(1).id(), held.get(1).fencingToken() + 1, "{}");
                    case 3 -> store.jobs().complete("no-such-job", 1, "{}");
                    default -> store.jobs().complete(held.get(i).id(), held.get(i).fencingToken(), "{\"i\": " + i + "}");
                });

        assertThat(rowsPer(COMPLETE)).as("the shared statement matches 4 of 6, then each runs alone")
                .containsExactly(1, QUEUED, 1, 1, 1, 1, 1, 1);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(LeaseLostException.class,
                e -> assertThat(e.id()).isEqualTo(held.get(1).id()));
        assertThat(outcomes.get(3)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.id()).isEqualTo("no-such-job"));
        assertThat(store.jobs().get(held.get(1).id()).status()).isEqualTo(JobStatus.RUNNING);
        for (int i : new int[] {0, 2, 4, 5}) {
            Job completed = (Job) outcomes.get(i);
            assertThat(completed.id()).isEqualTo(held.get(i).id());
            assertThat(completed.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(completed.result().replace(" ", "")).isEqualTo("{\"i\":" + i + "}");
            assertThat(completed.version()).isEqualTo(held.get(i).version() + 1);
            assertThat(store.jobs().get(held.get(i).id())).isEqualTo(completed);
        }
    }

    @Test
    void queuedCompletionsThatAllHoldTheirLeaseCommitInOneStatement() throws Exception {
        List<Job> held = claimed(QUEUED + 1);
        Job first = held.get(QUEUED);

        List<Object> outcomes = queueBehindOneWrite(
                () -> store.jobs().complete(first.id(), first.fencingToken(), null),
                i -> () -> store.jobs().complete(held.get(i).id(), held.get(i).fencingToken(), "[" + i + "]"));

        assertThat(rowsPer(COMPLETE)).containsExactly(1, QUEUED);
        for (int i = 0; i < QUEUED; i++) {
            Job completed = (Job) outcomes.get(i);
            assertThat(completed.id()).isEqualTo(held.get(i).id());
            assertThat(completed.result()).isEqualTo("[" + i + "]");
            assertThat(completed.finishedAt()).isNotNull();
            assertThat(completed.leaseExpiresAt()).isNull();
            assertThat(store.jobs().get(held.get(i).id())).isEqualTo(completed);
        }
    }

    @Test
    void queuedClaimsOfTheSameTypesShareOneStatementAndEachCallerGetsItsOwnRunOfJobs() throws Exception {
        for (int priority = 0; priority < 12; priority++) {
            store.jobs().create(NewJob.of("t").withId("p" + priority).withPriority(priority));
        }
        store.jobs().create(NewJob.of("special").withId("special"));

        // Callers 0-4 ask for 1 (claimNext), 2, 3, 4 and 5 jobs of type t, 15 in all from 12
        // queued; caller 5 asks for another type, so its claim cannot share their statement.
        List<Object> outcomes = queueBehindOneWrite(
                () -> store.jobs().create(NewJob.of("other").withId("first").withNotBefore(Instant.now().plusSeconds(3600))),
                i -> () -> switch (i) {
                    case 0 -> store.jobs().claimNext("w0", Set.of("t"), Duration.ofMinutes(1)).stream().toList();
                    case 5 -> store.jobs().claimNext("w5", Set.of("special"), Duration.ofMinutes(6)).stream().toList();
                    default -> store.jobs().claimBatch("w" + i, Set.of("t"), Duration.ofMinutes(i + 1), i + 1);
                });

        List<String> claims = prepared.stream().filter(sql -> sql.contains(CLAIM)).toList();
        assertThat(claims).as("one statement for callers 0-4, one for caller 5").hasSize(2);
        assertThat(claims.get(0)).as("a worker id per caller, by rank").contains("worker_id = CASE WHEN");
        // Claim order is by priority: the first caller gets the best job, and so on, the last
        // caller what is left.
        List<List<String>> expected = List.of(List.of("p11"), List.of("p10", "p9"), List.of("p8", "p7", "p6"),
                List.of("p5", "p4", "p3", "p2"), List.of("p1", "p0"), List.of("special"));
        for (int i = 0; i < QUEUED; i++) {
            @SuppressWarnings("unchecked")
            List<Job> jobs = (List<Job>) outcomes.get(i);
            assertThat(jobs).extracting(Job::id).as("caller %d", i).containsExactlyElementsOf(expected.get(i));
            Duration lease = Duration.ofMinutes(i + 1);
            String worker = "w" + i;
            assertThat(jobs).allSatisfy(job -> {
                assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
                assertThat(job.workerId()).isEqualTo(worker);
                assertThat(Duration.between(job.startedAt(), job.leaseExpiresAt())).isEqualTo(lease);
                assertThat(job.updatedAt()).isEqualTo(job.startedAt());
                assertThat(job.attempts()).isEqualTo(1);
                assertThat(store.jobs().get(job.id())).isEqualTo(job);
            });
        }
        List<Long> tokens = outcomes.stream().flatMap(outcome -> ((List<?>) outcome).stream())
                .map(job -> ((Job) job).fencingToken()).toList();
        assertThat(tokens).hasSize(13).doesNotHaveDuplicates();
        store.jobs().create(NewJob.of("t").withId("after"));
        assertThat(store.jobs().claimNext("w", Set.of(), Duration.ofMinutes(1)).orElseThrow().fencingToken())
                .as("the token generator moved past every shared claim's tokens")
                .isGreaterThan(tokens.stream().mapToLong(Long::longValue).max().getAsLong());
    }

    @Test
    void queuedClaimsForMoreThanALiteralLimitShareOneStatementWithTheLimitBound() throws Exception {
        for (int i = 0; i < 100; i++) {
            store.jobs().create(NewJob.of("t").withId(String.format("j%03d", i)));
        }

        // 6 callers ask for 20 each, 120 in all: more than a claim statement writes as a literal
        List<Object> outcomes = queueBehindOneWrite(
                () -> store.jobs().create(NewJob.of("other").withId("first").withNotBefore(Instant.now().plusSeconds(3600))),
                i -> () -> store.jobs().claimBatch("w" + i, Set.of("t"), Duration.ofMinutes(i + 1), 20));

        assertThat(prepared.stream().filter(sql -> sql.contains(CLAIM))).hasSize(1);
        for (int i = 0; i < QUEUED; i++) {
            @SuppressWarnings("unchecked")
            List<Job> jobs = (List<Job>) outcomes.get(i);
            List<String> expected = IntStream.range(i * 20, Math.min(100, i * 20 + 20))
                    .mapToObj(n -> String.format("j%03d", n)).toList();
            String worker = "w" + i;
            assertThat(jobs).extracting(Job::id).as("caller %d", i).containsExactlyElementsOf(expected);
            assertThat(jobs).allSatisfy(job -> assertThat(job.workerId()).isEqualTo(worker));
        }
    }

    @Test
    void startsAndFinishesQueuedInTurnShareOneStatementPerKind() throws Exception {
        for (int i = 1; i < QUEUED; i += 2) {
            store.executions().start(NewExecution.of("p", "test").withId("r" + i));
        }

        List<Object> outcomes = queueBehindOneWrite(
                () -> store.executions().start(NewExecution.of("etl", "first").withId("first")),
                i -> () -> i % 2 == 0
                        ? store.executions().start(NewExecution.of("p", "test").withId("e" + i))
                        : store.executions().finish("r" + i, i == 3
                                ? ExecutionOutcome.failed("boom " + i)
                                : ExecutionOutcome.succeeded().withSteps("[" + i + "]")));

        assertThat(rowsPer("INSERT INTO opstate_executions")).containsExactly(1, QUEUED / 2);
        assertThat(rowsPer(FINISH)).containsExactly(QUEUED / 2);
        for (int i = 0; i < QUEUED; i++) {
            Execution execution = (Execution) outcomes.get(i);
            assertThat(store.executions().get(execution.id())).isEqualTo(execution);
            if (i % 2 == 0) {
                assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
            } else {
                assertThat(execution.status()).isEqualTo(i == 3 ? ExecutionStatus.FAILED : ExecutionStatus.SUCCEEDED);
                assertThat(execution.error()).isEqualTo(i == 3 ? "boom 3" : null);
                if (i != 3) {
                    assertThat(execution.steps()).isEqualTo("[" + i + "]");
                }
                assertThat(execution.endedAt()).isNotNull();
                assertThat(execution.durationMillis()).isNotNull().isNotNegative();
            }
        }
    }

    @Test
    void aFinishedOrMissingExecutionInTheStatementFailsOnlyItsOwnFinish() throws Exception {
        for (int i = 0; i < QUEUED; i++) {
            store.executions().start(NewExecution.of("p", "test").withId("r" + i));
        }
        store.executions().finish("r2", ExecutionOutcome.succeeded());

        List<Object> outcomes = queueBehindOneWrite(
                () -> store.executions().start(NewExecution.of("etl", "first").withId("first")),
                i -> () -> store.executions().finish(i == 4 ? "no-such-execution" : "r" + i,
                        ExecutionOutcome.failed("e" + i)));

        assertThat(rowsPer(FINISH)).containsExactly(QUEUED, 1, 1, 1, 1, 1, 1);
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
            assertThat(e.id()).isEqualTo("r2");
            assertThat(e.from()).isEqualTo("succeeded");
        });
        assertThat(outcomes.get(4)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.id()).isEqualTo("no-such-execution"));
        assertThat(store.executions().get("r2").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(store.executions().get("r4").status()).isEqualTo(ExecutionStatus.RUNNING);
        for (int i : new int[] {0, 1, 3, 5}) {
            assertThat(outcomes.get(i)).isInstanceOfSatisfying(Execution.class, finished -> {
                assertThat(finished.status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(finished.error()).isEqualTo("e" + finished.id().substring(1));
            });
        }
    }

    /** {@code count} new jobs, claimed, in claim order. */
    private List<Job> claimed(int count) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            store.jobs().create(NewJob.of("t").withId("j" + i));
            jobs.add(store.jobs().claimNext("worker", Set.of(), Duration.ofMinutes(5)).orElseThrow());
        }
        return jobs;
    }

    /**
     * Runs {@code first} and holds it in its {@code BEGIN} until {@link #QUEUED} writes made by
     * {@code queued} wait behind it, queued in the order of their index, then lets all run.
     *
     * @return what each queued write returned or threw, in the order of {@code queued}'s index
     */
    private List<Object> queueBehindOneWrite(Callable<?> first, Function<Integer, Callable<?>> queued)
            throws Exception {
        CountDownLatch release = dialect.holdNextBegin();
        Outcome firstOutcome = Outcome.run(first);
        assertThat(dialect.held.await(10, TimeUnit.SECONDS)).as("first write begun").isTrue();
        prepared.clear();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) { // one at a time, so the queue holds them in the order of i
            Outcome outcome = Outcome.run(queued.apply(i));
            outcome.awaitQueued();
            outcomes.add(outcome);
        }
        release.countDown();
        firstOutcome.get();
        List<Object> results = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            results.add(outcome.get());
        }
        return results;
    }

    /**
     * How many rows each prepared statement containing {@code statement} wrote, in order: the rows
     * of its {@code VALUES} list (an insert on SQLite has no {@code RETURNING}), 1 for an update
     * without one.
     */
    private List<Integer> rowsPer(String statement) {
        return prepared.stream().filter(sql -> sql.contains(statement)).map(MultiRowWriteTest::valuesRows).toList();
    }

    private static int valuesRows(String sql) {
        int values = sql.indexOf("VALUES (");
        if (values < 0) {
            return 1;
        }
        int update = sql.indexOf(") UPDATE ");
        int returning = sql.indexOf(" RETURNING ");
        String rows = sql.substring(values, update >= 0 ? update : returning >= 0 ? returning : sql.length());
        return rows.split("\\), \\(", -1).length;
    }

    /** {@code target}, recording the SQL of every statement prepared on its connections. */
    private static DataSource recording(DataSource target, List<String> prepared) {
        return proxy(DataSource.class, target, (method, args, result) -> result instanceof Connection connection
                ? proxy(Connection.class, connection, (m, a, r) -> {
                    if (m.equals("prepareStatement")) {
                        prepared.add((String) a[0]);
                    }
                    return r;
                })
                : result);
    }

    private interface AfterCall {
        Object after(String method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> {
                try {
                    yield after.after(method.getName(), args, method.invoke(target, args));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** A write running on a thread of its own: what it returned or threw. */
    private static final class Outcome {
        private final Thread thread;
        private volatile Object result;

        private Outcome(Callable<?> write) {
            this.thread = new Thread(() -> {
                try {
                    result = write.call();
                } catch (Exception e) {
                    result = e;
                }
            });
        }

        static Outcome run(Callable<?> write) {
            Outcome outcome = new Outcome(write);
            outcome.thread.start();
            return outcome;
        }

        /** Waits until the write waits in the group commit queue for a committer. */
        void awaitQueued() throws InterruptedException {
            QueuedWrites.awaitQueued(thread);
        }

        Object get() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("write finished in time").isFalse();
            return result;
        }
    }

    /** The SQLite dialect without statement reuse, whose next {@code BEGIN} can be held. */
    private static final class HeldBegin extends DelegatingDialect {
        final CountDownLatch held = new CountDownLatch(1);
        private volatile CountDownLatch release;

        CountDownLatch holdNextBegin() {
            release = new CountDownLatch(1);
            return release;
        }

        @Override
        public boolean reusesPreparedStatements() {
            return false;
        }

        @Override
        public void begin(PlainConnection connection) {
            CountDownLatch hold = release;
            if (hold != null) {
                release = null;
                held.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.begin(connection);
        }
    }
}
