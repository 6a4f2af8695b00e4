package io.opstate.examples.inference;

import io.opstate.Datastore;
import io.opstate.IllegalTransitionException;
import io.opstate.NotFoundException;
import io.opstate.SortOrder;
import io.opstate.jobs.ClaimedJob;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's {@link JobDatabase} on OpState: a pull is a job of type {@value PullJobLayout#TYPE}
 * laid out as {@link PullJobLayout} says. The server runs each pull in the process that received
 * it, so {@link PullUpdate.Started} claims the job under a lease and this process keeps the claim;
 * the later updates act under that claim's fencing token. A pull whose process died is claimable
 * again once its lease ran out, and the dead process's late updates are refused
 * ({@link io.opstate.LeaseLostException}). Thread-safe.
 */
public final class OpStateJobDatabase implements JobDatabase {
    /** How long a pull holds its job between two updates before another process may take it over. */
    public static final Duration LEASE = Duration.ofMinutes(30);

    private final Datastore store;
    private final String workerId;
    private final Clock clock;
    private final Map<String, ClaimedJob> claims = new ConcurrentHashMap<>();

    /**
     * @param store owned from now on: {@link #close()} closes it
     * @param workerId names this server process in the jobs it runs
     * @param clock what "{@code days} ago" is measured from; the store's own clock in production
     */
    public OpStateJobDatabase(Datastore store, String workerId, Clock clock) {
        this.store = store;
        this.workerId = workerId;
        this.clock = clock;
    }

    @Override
    public PullJob createJob(NewPull pull) {
        return PullJobLayout.read(store.jobs().create(NewJob.of(PullJobLayout.TYPE).withId(pull.id())
                .withPayload(PullJobLayout.payload(pull.model(), pull.quantize(), pull.init()))));
    }

    @Override
    public Optional<PullJob> getJob(String id) {
        return store.jobs().find(id).filter(OpStateJobDatabase::isPull).map(PullJobLayout::read);
    }

    @Override
    public boolean updateJob(String id, PullUpdate update) {
        Optional<Job> found = store.jobs().find(id).filter(OpStateJobDatabase::isPull);
        if (found.isEmpty()) {
            return false;
        }
        try {
            apply(found.get(), update);
            return true;
        } catch (NotFoundException deletedMeanwhile) {
            claims.remove(id);
            return false;
        }
    }

    // Java 17: no pattern matching in switch yet, so the sealed updates are told apart by instanceof.
    private void apply(Job job, PullUpdate update) {
        String id = job.id();
        if (update instanceof PullUpdate.Started) {
            ClaimedJob claimed = store.jobs().claimHandle(id, workerId, LEASE).orElseThrow(() ->
                    new IllegalTransitionException("job", id, job.status().name(), "RUNNING", "the pull is not queued"));
            claims.put(id, claimed);
        } else if (update instanceof PullUpdate.Progress progress) {
            JobProgress report = progress.totalBytes() == null ? JobProgress.bytesDone(progress.downloadedBytes())
                    : JobProgress.bytes(progress.downloadedBytes(), progress.totalBytes());
            ClaimedJob claimed = claimOf(job);
            claimed.progress(report.withStage(progress.stage()));
            claimed.renew(LEASE);
        } else if (update instanceof PullUpdate.Succeeded succeeded) {
            claimOf(job).complete(PullJobLayout.result(succeeded.localPath(), succeeded.sizeBytes(),
                    succeeded.preferredQuantized()));
            claims.remove(id);
        } else if (update instanceof PullUpdate.Failed failed) {
            claimOf(job).fail(JobFailure.of(failed.error()).withDetail(failed.traceback()));
            claims.remove(id);
        } else {
            throw new IllegalArgumentException("update: unknown kind " + update);
        }
    }

    private ClaimedJob claimOf(Job job) {
        ClaimedJob claimed = claims.get(job.id());
        if (claimed == null) {
            throw new IllegalTransitionException("job", job.id(), job.status().name(), job.status().name(),
                    "this server did not start the pull");
        }
        return claimed;
    }

    @Override
    public List<PullJob> getAllJobs() {
        try (var pulls = store.jobs().stream(JobQuery.all().withTypes(PullJobLayout.TYPE), SortOrder.NEWEST_FIRST)) {
            return pulls.map(PullJobLayout::read).toList();
        }
    }

    @Override
    public int deleteOldJobs(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days: must not be negative, got " + days);
        }
        return store.jobs().deleteMatching(JobQuery.all().withTypes(PullJobLayout.TYPE)
                .createdBetween(null, clock.instant().minus(Duration.ofDays(days))));
    }

    @Override
    public void close() {
        store.close();
    }

    private static boolean isPull(Job job) {
        return job.type().equals(PullJobLayout.TYPE);
    }
}
