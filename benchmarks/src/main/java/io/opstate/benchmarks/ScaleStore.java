package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link ScaleBench}'s store: OpState opened with {@code Persistence.open} (default settings,
 * {@link BenchEnv#config()}) on a job table of {@code rows} jobs written by {@link ScaleFill}
 * before the store opens, as a host restarting on an existing store would find it. The table is
 * filled once per backend and size and handed from trial to trial by {@link ScaleFixture} when
 * scale.sh asks for it; else every trial fills its own.
 *
 * <p>Every iteration starts from the filled table: jobs created by the previous iteration
 * (created after the fill's {@code t0}) are deleted, and jobs the benchmark worker claimed are
 * put back in the queue as they were. So the table holds exactly {@code rows} jobs and
 * {@value ScaleFill#QUEUED} queued ones when an iteration starts; the create benchmark adds its
 * jobs on top during the iteration (printed at the iteration's end as {@code # scale-size}, read
 * by {@link ScaleReport}). On PostgreSQL each trial starts with {@code VACUUM (INDEX_CLEANUP ON)},
 * so the dead row versions earlier trials left do not weigh on the later ones.
 *
 * <p>Planner statistics ({@code -Dbench.scale.analyze}): {@code default} runs {@code ANALYZE opstate_jobs}
 * on PostgreSQL after the fill, because a stock server's autovacuum analyses a table that grew to
 * this size on its own (this machine's server has autovacuum off), and nothing on SQLite, because
 * OpState never runs {@code ANALYZE} or {@code PRAGMA optimize} and docs/operations.md does not ask
 * operators to; {@code none} analyses nothing; {@code all} analyses both.
 */
@State(Scope.Benchmark)
public class ScaleStore {
    static final String WORKER = "scale-worker";
    static final int PAGE = 100;
    static final JobQuery SUCCEEDED = JobQuery.all().withStatuses(JobStatus.SUCCEEDED);
    private static final String ANALYZE = System.getProperty("bench.scale.analyze", "default");

    @Param({"sqlite-normal", "postgres"})
    public String backend;

    @Param({"10000", "1000000"})
    public int rows;

    BenchEnv env;
    /** Resets and counts between iterations; auto-commit. */
    private Connection admin;
    private String fixtureKey;
    public Datastore store;
    /** The page {@code pageDeep} reads: 100 succeeded jobs about half-way down the listing. */
    public PageRequest deepPage;
    private ScaleFill.Filled filled;
    private int dryRefills;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        env = BenchEnv.create(Backend.of(backend));
        env.open().close(); // creates the schema
        try (Connection migrated = env.connect(false)) {
            fixtureKey = ScaleFixture.key(env, migrated, ANALYZE);
        }
        filled = ScaleFixture.take(env, rows, fixtureKey);
        if (filled == null) {
            filled = ScaleFill.fill(env, rows);
            System.out.printf("%n# scale-fill: %s: %s%n", backend, filled);
            admin = env.connect(false);
            analyze();
        } else {
            System.out.printf("%n# scale-fixture: %s: took over the table filled at %s: %s%n", backend, filled.t0(),
                    filled);
            admin = env.connect(false);
            restoreTable(); // in case
        }
        if (env.backend().postgres()) {
            // Every trial starts from a vacuumed table whatever the trials before it left (the dead
            // versions of the jobs earlier trials claimed and requeued). INDEX_CLEANUP ON because
            // VACUUM skips the indexes when under 2 % of the pages hold dead rows: at 1M, not at 10k,
            // so the dead entries would stay, at 1M only, where the claim and the first page scan.
            long started = System.nanoTime();
            try (Statement statement = admin.createStatement()) {
                statement.execute("VACUUM (INDEX_CLEANUP ON) opstate_jobs");
            }
            System.out.printf("# scale-vacuum: VACUUM (INDEX_CLEANUP ON) opstate_jobs in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
        }
        store = env.open();
        deepPage = deepPage();
    }

    private void analyze() throws SQLException {
        boolean run = switch (ANALYZE) {
            case "none" -> false;
            case "all" -> true;
            case "default" -> env.backend().postgres();
            default -> throw new IllegalArgumentException("bench.scale.analyze: default, none or all, not " + ANALYZE);
        };
        if (run) {
            long started = System.nanoTime();
            try (Statement statement = admin.createStatement()) {
                statement.execute("ANALYZE opstate_jobs");
            }
            System.out.printf("# scale-analyze: ANALYZE opstate_jobs in %.1f s%n", (System.nanoTime() - started) / 1e9);
        } else {
            System.out.printf("# scale-analyze: none (bench.scale.analyze=%s)%n", ANALYZE);
        }
    }

    /**
     * A cursor half-way down the succeeded jobs, taken through the API: the last page before the
     * middle of the history span (a cursor is the last item's time and id, whatever filter made it).
     */
    private PageRequest deepPage() throws SQLException {
        Instant middle = filled.t0().minus(ScaleFill.SPAN.dividedBy(2));
        Page<Job> before = store.jobs().list(SUCCEEDED.createdBetween(null, middle), PageRequest.first(PAGE));
        if (before.nextCursor() == null) {
            throw new IllegalStateException("no cursor half-way down the table");
        }
        PageRequest deep = PageRequest.first(PAGE).after(before.nextCursor());
        Page<Job> page = store.jobs().list(SUCCEEDED, deep);
        if (page.items().size() != PAGE) {
            throw new IllegalStateException("the deep page holds " + page.items().size() + " jobs");
        }
        long newer;
        try (PreparedStatement count = admin.prepareStatement(
                "SELECT COUNT(*) FROM opstate_jobs WHERE status = 'succeeded' AND created_at >= ?")) {
            ScaleFill.setTime(env, count, 1, page.items().get(0).createdAt());
            try (ResultSet result = count.executeQuery()) {
                result.next();
                newer = result.getLong(1);
            }
        }
        System.out.printf("# scale-deep-page: starts at succeeded job %,d of %,d (created %s)%n",
                newer, filled.succeeded(), page.items().get(0).createdAt());
        return deep;
    }

    /** Puts the table back as filled: see the class comment. */
    @Setup(Level.Iteration)
    public void restore() throws SQLException {
        restoreTable();
    }

    /** Deletes jobs created after the fill and requeues the benchmark worker's claims; returns {deleted, requeued}. */
    private synchronized int[] restoreTable() throws SQLException {
        String requeue = "UPDATE opstate_jobs SET status = 'queued', progress = NULL, result = NULL, attempts = 0,"
                + " claim_token = 0, worker_id = NULL, started_at = NULL, finished_at = NULL,"
                + " lease_expires_at = NULL, updated_at = created_at, version = 1";
        try (PreparedStatement deleteNew = admin.prepareStatement("DELETE FROM opstate_jobs WHERE created_at >= ?");
             PreparedStatement requeueDone = admin.prepareStatement(requeue
                     + " WHERE status = 'succeeded' AND finished_at >= ? AND worker_id = ?");
             PreparedStatement requeueHeld = admin.prepareStatement(requeue
                     + " WHERE status = 'running' AND worker_id = ?")) {
            ScaleFill.setTime(env, deleteNew, 1, filled.t0());
            int deleted = deleteNew.executeUpdate();
            ScaleFill.setTime(env, requeueDone, 1, filled.t0());
            requeueDone.setString(2, WORKER);
            int requeued = requeueDone.executeUpdate();
            requeueHeld.setString(1, WORKER);
            requeued += requeueHeld.executeUpdate();
            return new int[] {deleted, requeued};
        }
    }

    /**
     * Called by a claim that found nothing: puts the claimed jobs back in the queue inside the
     * measured time (the figure can only be understated) and says so.
     */
    public synchronized void queueRanDry() {
        try {
            int[] done = restoreTable();
            dryRefills++;
            System.out.printf("%n# scale-queue-dry: the queue of %d ran dry; requeued %d inline (%d time(s))%n",
                    ScaleFill.QUEUED, done[1], dryRefills);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot requeue", e);
        }
    }

    /** Prints the table size and the queue at the end of the iteration (read back by ScaleReport). */
    @TearDown(Level.Iteration)
    public void size() throws SQLException {
        long added = count("SELECT COUNT(*) FROM opstate_jobs WHERE created_at >= ?", true);
        long queued = count("SELECT COUNT(*) FROM opstate_jobs WHERE status = 'queued' AND created_at < ?", true);
        long claimed = count("SELECT COUNT(*) FROM opstate_jobs WHERE status IN ('succeeded', 'running')"
                + " AND worker_id = '" + WORKER + "' AND finished_at >= ?", true);
        System.out.printf(Locale.ROOT, "%n# scale-size: jobs=%d rows=%d added=%d claimed=%d queued-left=%d (%+.1f%%)%n",
                rows + added, rows, added, claimed, queued, 100.0 * added / rows);
    }

    private long count(String sql, boolean bindT0) throws SQLException {
        try (PreparedStatement count = admin.prepareStatement(sql)) {
            if (bindT0) {
                ScaleFill.setTime(env, count, 1, filled.t0());
            }
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
            if (admin != null) {
                restoreTable();
                admin.close();
            }
            if (filled != null) {
                ScaleFixture.giveBack(env, rows, fixtureKey, filled);
            }
        } catch (SQLException | RuntimeException e) {
            System.out.println("# scale-fixture: not kept for the next trial: " + e);
        } finally {
            env.close();
        }
    }
}
