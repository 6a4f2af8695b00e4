package io.opstate.jobs;

import io.opstate.InvalidInputException;
import io.opstate.internal.UserText;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job a worker holds, as a handle: it reports progress, renews the lease and finishes the job
 * under the fencing token of the claim it came from, so the worker does not carry the token by
 * hand. The token stays enforced: once the job was claimed again (its lease expired), cancelled,
 * finished or deleted, every call is refused as the repository refuses it
 * ({@link io.opstate.LeaseLostException}, {@link io.opstate.NotFoundException}) and the store is
 * unchanged.
 *
 * <p>Obtained from {@link JobRepository#claimNextHandle} or {@link JobRepository#claimHandle}, or
 * made with {@link #of} from a job a claim returned (one of {@link JobRepository#claimBatch}, say).
 * A handle acts through the repository it was made with: one made inside
 * {@link io.opstate.Datastore#inTransaction} is for that transaction only.
 *
 * <p>Thread-safe: a worker may renew from one thread while it reports from another.
 * {@link #job()} is the newest snapshot any call of this handle returned.
 */
public final class ClaimedJob {
    private final JobRepository jobs;
    private final String id;
    private final long fencingToken;
    private final AtomicReference<Job> latest;

    private ClaimedJob(JobRepository jobs, Job claimed) {
        this.jobs = jobs;
        this.id = claimed.id();
        this.fencingToken = claimed.fencingToken();
        this.latest = new AtomicReference<>(claimed);
    }

    /**
     * A handle of {@code claimed}, a job as a claim returned it, acting through {@code jobs}.
     * Nothing is read or written: a handle of a claim that no longer holds the job is refused at
     * its first call.
     *
     * @throws InvalidInputException naming {@code jobs} when it is null, or {@code job} when
     *     {@code claimed} is null or not a claimed job ({@code RUNNING} with a fencing token)
     */
    public static ClaimedJob of(JobRepository jobs, Job claimed) {
        if (jobs == null) {
            throw new InvalidInputException("jobs", "is required");
        }
        if (claimed == null) {
            throw new InvalidInputException("job", "is required");
        }
        if (claimed.status() != JobStatus.RUNNING || claimed.fencingToken() <= 0) {
            throw new InvalidInputException("job", "must be a job as a claim returned it: running, with a fencing"
                    + " token; got status " + claimed.status().label() + " and token " + claimed.fencingToken());
        }
        return new ClaimedJob(jobs, claimed);
    }

    /** The job's id. */
    public String id() {
        return id;
    }

    /**
     * The fencing token of the claim this handle acts for: for a host that passes it on to
     * storage of its own, so that storage can refuse a stalled worker too.
     */
    public long fencingToken() {
        return fencingToken;
    }

    /** The newest snapshot of the job this handle has seen: the claim's, or the latest call's. Reads nothing. */
    public Job job() {
        return latest.get();
    }

    /**
     * Records progress, as {@link JobRepository#reportProgress} does.
     *
     * @return the job after the report
     * @throws io.opstate.LeaseLostException if the claim no longer holds the job
     * @throws io.opstate.NotFoundException if the job was deleted
     */
    public Job progress(JobProgress progress) {
        return seen(jobs.reportProgress(id, fencingToken, progress));
    }

    /**
     * Extends the lease to now plus {@code lease}, as {@link JobRepository#renewLease} does.
     *
     * @return the job with its new lease
     * @throws io.opstate.LeaseLostException if the claim no longer holds the job
     * @throws io.opstate.NotFoundException if the job was deleted
     */
    public Job renew(Duration lease) {
        return seen(jobs.renewLease(id, fencingToken, lease));
    }

    /**
     * Finishes the job as succeeded with {@code resultJson}, as {@link JobRepository#complete} does.
     *
     * @return the succeeded job
     * @throws io.opstate.LeaseLostException if the claim no longer holds the job
     * @throws io.opstate.NotFoundException if the job was deleted
     */
    public Job complete(String resultJson) {
        return seen(jobs.complete(id, fencingToken, resultJson));
    }

    /**
     * Records a failed attempt, as {@link JobRepository#fail} does: the job is queued again or
     * ends failed.
     *
     * @return the job after the failure
     * @throws io.opstate.LeaseLostException if the claim no longer holds the job
     * @throws io.opstate.NotFoundException if the job was deleted
     */
    public Job fail(JobFailure failure) {
        return seen(jobs.fail(id, fencingToken, failure));
    }

    /** Keeps {@code job} as the newest snapshot unless a concurrent call already kept a newer one. */
    private Job seen(Job job) {
        latest.accumulateAndGet(job, (kept, offered) -> offered.version() >= kept.version() ? offered : kept);
        return job;
    }

    @Override
    public String toString() {
        return "ClaimedJob[" + UserText.quoted(id) + " under token " + fencingToken + "]";
    }
}
