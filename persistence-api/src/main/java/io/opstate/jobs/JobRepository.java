package io.opstate.jobs;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.internal.PageWalker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Asynchronous jobs: enqueue, claim under a lease, report progress, finish, retry, list.
 * Thread-safe; every method is one atomic operation. Invalid arguments raise
 * {@link io.opstate.InvalidInputException} naming the field, before anything is written.
 *
 * <p><b>Claims and fencing.</b> {@link #claimNext} hands a job to exactly one worker, across
 * threads, processes and hosts, and stamps it with a new {@link Job#fencingToken()}, drawn from
 * one counter of the whole store: no two claims in the store carry the same token, and each
 * claim of a job carries a larger one than the claim before (tokens are not consecutive). The
 * worker presents that token to {@link #reportProgress}, {@link #renewLease},
 * {@link #complete} and {@link #fail}; once its lease expired and the job was claimed again (or
 * it was cancelled), the old token is refused with {@link io.opstate.LeaseLostException}, so a
 * stalled worker can never overwrite the new owner's work. A token presented with another job's
 * id is refused the same way, so a worker that mixes up ids cannot act on a job it does not hold.
 * {@link #claim} takes one job by id under the same rules; {@link ClaimedJob} (from
 * {@link #claimNextHandle} or {@link #claimHandle}) carries the token for the worker.
 */
public interface JobRepository {
    /**
     * Enqueues a job as {@link JobStatus#QUEUED}. When the job carries a
     * {@linkplain NewJob#withDedupKey(String, OnDuplicateKey) dedup key} that an unfinished job
     * holds, nothing is created: with {@link OnDuplicateKey#RETURN_EXISTING} that job is returned
     * as it is (its id tells it apart from the one asked for), with {@link OnDuplicateKey#FAIL}
     * the call is refused. Two concurrent creates with one key never both create, across
     * processes and hosts. The key is looked at before the id, so resubmitting a job that holds
     * its key returns it (or is refused as a duplicate key) rather than failing on its id.
     *
     * @throws io.opstate.DuplicateDedupKeyException if an unfinished job holds the dedup key and
     *     the job says {@link OnDuplicateKey#FAIL}
     * @throws io.opstate.DuplicateKeyException if a job with the given id exists
     */
    Job create(NewJob job);

    /**
     * Enqueues several jobs in one transaction: all or none. Returns them in the given order.
     * Each is created as {@link #create} would, in the order given, so a job whose dedup key an
     * earlier job of the same list took is a duplicate of that one: with
     * {@link OnDuplicateKey#RETURN_EXISTING} its place in the result holds the earlier job, with
     * {@link OnDuplicateKey#FAIL} the whole list is refused and nothing is created (the refusal
     * then names that earlier job, which was not created either).
     *
     * @throws io.opstate.DuplicateDedupKeyException as {@link #create} says, for any job of the list
     * @throws io.opstate.DuplicateKeyException if a job with one of the given ids exists, or two share one
     */
    List<Job> createAll(List<NewJob> jobs);

    /**
     * The job, or empty if there is none with this id. An id no job can have (blank, longer than
     * 200 characters, holding a control character: one {@link #create} would refuse) finds
     * nothing, like any unknown id, so an id taken from a request needs no checking first.
     *
     * @throws io.opstate.InvalidInputException naming {@code id} when it is null
     */
    Optional<Job> find(String id);

    /**
     * The job.
     *
     * @throws io.opstate.NotFoundException if there is none with this id, also when no job can
     *     have it (see {@link #find})
     * @throws io.opstate.InvalidInputException naming {@code id} when it is null
     */
    Job get(String id);

    /**
     * The unfinished ({@code QUEUED} or {@code RUNNING}) job holding {@code dedupKey}, or empty
     * when none does: the answer to "is this already being done?". There is at most one.
     *
     * @param dedupKey 1..200 characters, no control characters
     */
    Optional<Job> findUnfinishedByDedupKey(String dedupKey);

    /**
     * Atomically claims the next claimable job of one of {@code types} (all types when empty)
     * for {@code workerId}, for {@code lease}. Claimable: {@code QUEUED} with {@code notBefore}
     * reached, or {@code RUNNING} with its lease expired and attempts left (a crashed worker's
     * job). Chosen by highest priority, then oldest {@code createdAt}, then id. The job becomes
     * {@code RUNNING} with a new fencing token (see above); attempts and version increase; lease
     * expiry is now plus {@code lease}.
     *
     * @param types at most 100 types, none null; empty or null for any type
     * @param lease 1 second to 24 hours
     * @return the claimed job, or empty when nothing is claimable now
     */
    Optional<Job> claimNext(String workerId, Set<String> types, Duration lease);

    /**
     * Atomically claims the job {@code id} for {@code workerId}, for {@code lease}, if it is
     * claimable now by the rules of {@link #claimNext} ({@code QUEUED} with {@code notBefore}
     * reached, or {@code RUNNING} with its lease expired and attempts left), whatever its type and
     * priority; it is stamped as {@link #claimNext} stamps a job, with a new fencing token. For a
     * host that creates a job and starts it at once (an HTTP handler that runs the work itself):
     * create it, then claim it by id. Claims are atomic: when a concurrent {@link #claimNext}
     * took the job first, this returns empty, and the job is that worker's.
     *
     * @param lease 1 second to 24 hours
     * @return the claimed job, or empty when the job exists but is not claimable now (running
     *     under a lease that holds, not yet due, finished, or out of attempts)
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    Optional<Job> claim(String id, String workerId, Duration lease);

    /**
     * {@link #claim} as a {@link ClaimedJob}: a handle that reports, renews and finishes the job
     * under the claim's fencing token without the caller carrying it. The handle acts through this
     * repository (so one obtained inside {@link io.opstate.Datastore#inTransaction} is for that
     * transaction only).
     *
     * @return the handle, or empty when the job is not claimable now
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    default Optional<ClaimedJob> claimHandle(String id, String workerId, Duration lease) {
        return claim(id, workerId, lease).map(job -> ClaimedJob.of(this, job));
    }

    /**
     * {@link #claimNext} as a {@link ClaimedJob}: a handle that reports, renews and finishes the
     * job under the claim's fencing token without the caller carrying it. The handle acts through
     * this repository (so one obtained inside {@link io.opstate.Datastore#inTransaction} is for
     * that transaction only).
     *
     * @return the handle, or empty when nothing is claimable now
     */
    default Optional<ClaimedJob> claimNextHandle(String workerId, Set<String> types, Duration lease) {
        return claimNext(workerId, types, lease).map(job -> ClaimedJob.of(this, job));
    }

    /**
     * Atomically claims up to {@code maxJobs} claimable jobs for {@code workerId}, as if
     * {@link #claimNext} were called that many times in one transaction: the same jobs, chosen
     * in the same order, each with its own new fencing token, all with the same lease. For
     * workers that take work in batches (lock-and-fetch): one statement and one commit hand out
     * many jobs. Concurrent batches never share a job.
     *
     * @param types at most 100 types, none null; empty or null for any type
     * @param lease 1 second to 24 hours
     * @param maxJobs 1 to {@value #MAX_CLAIM_BATCH}
     * @return the claimed jobs, best first (claim order); empty when nothing is claimable now
     */
    List<Job> claimBatch(String workerId, Set<String> types, Duration lease, int maxJobs);

    /** The most jobs one {@link #claimBatch} may claim. */
    int MAX_CLAIM_BATCH = 1000;

    /**
     * Extends the lease of a running job to now plus {@code lease}.
     *
     * @throws io.opstate.LeaseLostException if the job is not running under the claim of this token
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    Job renewLease(String id, long fencingToken, Duration lease);

    /**
     * Records progress of a running job; null fields of {@code progress} are left unchanged.
     * Bytes give the fraction: when the report carries bytes but no fraction, and the total it
     * leaves (reported, else stored) is above zero, the fraction becomes bytes done (reported,
     * else stored) over that total; a fraction reported with them wins. The bytes done it leaves
     * must not exceed the total it leaves: a report of bytes done above the stored total is refused
     * naming {@code bytesDone}, one of only a total below the stored bytes done naming
     * {@code bytesTotal}; either way the job is unchanged.
     *
     * @throws io.opstate.InvalidInputException naming {@code bytesDone} or {@code bytesTotal} as above
     *     (after the token was found to hold the job)
     * @throws io.opstate.LeaseLostException if the job is not running under the claim of this token
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    Job reportProgress(String id, long fencingToken, JobProgress progress);

    /**
     * Marks a running job {@link JobStatus#SUCCEEDED} with its result (JSON text or null); sets
     * progress to 1 and, when the total is known, bytes done to the total.
     *
     * @throws io.opstate.LeaseLostException if the job is not running under the claim of this token
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    Job complete(String id, long fencingToken, String resultJson);

    /**
     * Records a failed attempt. With {@link JobFailure#retryAt()} set and attempts left the job
     * returns to {@code QUEUED}, claimable from that time; otherwise it ends {@code FAILED}.
     * Either way the error and detail are kept; an error or detail beyond its limit is cut, its
     * head kept (see {@link JobFailure}), so no failure is lost for being long.
     *
     * @throws io.opstate.LeaseLostException if the job is not running under the claim of this token
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    Job fail(String id, long fencingToken, JobFailure failure);

    /**
     * Puts a {@code FAILED} job back in the queue, claimable from {@code notBefore} (now when null).
     * A job with a dedup key holds it again once queued, so it is refused while another
     * unfinished job took the key meanwhile: the failed job stays failed, and the host decides
     * (follow the other job, or retry later).
     *
     * @throws io.opstate.IllegalTransitionException if the job is not failed or has no attempts left
     * @throws io.opstate.DuplicateDedupKeyException if another unfinished job holds the job's dedup key
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    Job retry(String id, Instant notBefore);

    /**
     * Cancels a queued or running job. A worker still holding it gets a
     * {@link io.opstate.LeaseLostException} on its next call.
     *
     * @throws io.opstate.IllegalTransitionException if the job already finished
     * @throws io.opstate.NotFoundException if the job does not exist
     */
    Job cancel(String id);

    /**
     * Sweeps running jobs whose lease expired: back to {@code QUEUED} while attempts remain,
     * else {@code FAILED} with error {@code "lease expired"}. {@link #claimNext} already takes
     * expired jobs with attempts left; run this to finish off the exhausted ones.
     *
     * @return how many jobs changed
     */
    int requeueExpiredLeases();

    /** One page of jobs matching {@code query}, ordered by {@code createdAt} then id. */
    Page<Job> list(JobQuery query, PageRequest page);

    /**
     * Every job matching {@code query}, in {@code order} of {@code createdAt} then id, as
     * {@link #list} returns them, read lazily page by page ({@value PageRequest#MAX_LIMIT} jobs
     * a page, the next page only once the previous one is consumed). A stream that is only
     * partly consumed reads only the pages it needed.
     *
     * <ul>
     *   <li><b>Memory</b> is bounded by about one page, whatever the number of jobs.</li>
     *   <li><b>Nothing is held between pages</b>: each page is one read of its own, so an open
     *       stream holds no connection, transaction or lock (it never holds back a SQLite
     *       checkpoint or a PostgreSQL connection), however slowly it is consumed.</li>
     *   <li><b>Not a snapshot</b>: a job created, changed or deleted while the stream is consumed
     *       may or may not appear; every job present and matching the whole time appears exactly
     *       once.</li>
     *   <li><b>Input</b> is checked like {@link #list}'s, at this call, before anything is read:
     *       a bad query raises {@link io.opstate.InvalidInputException}; a null query means every
     *       job and a null order {@link SortOrder#NEWEST_FIRST}.</li>
     *   <li><b>Errors</b> while reading a page (store closed, storage down) are thrown by the
     *       terminal operation that pulled it.</li>
     * </ul>
     *
     * <p>The stream is sequential (a parallel stream does not split) and must be consumed by one
     * thread at a time; a stream obtained inside {@link io.opstate.Datastore#inTransaction} reads
     * its pages in that transaction and must be consumed within the work. Closing the stream
     * releases nothing, as nothing is held; closing it anyway (try-with-resources) is good
     * practice, so the code stays right if a backend ever streams from an open cursor.
     */
    default Stream<Job> stream(JobQuery query, SortOrder order) {
        return PageWalker.stream(page -> list(query, page), order);
    }

    /** How many jobs match {@code query}, per status; every status is present, zero when none. */
    Map<JobStatus, Long> countByStatus(JobQuery query);

    /**
     * Since when the job that has waited longest among those claimable now (by the rules of
     * {@link #claimNext}) has been claimable: a {@code QUEUED} job since its {@code notBefore}, a
     * {@code RUNNING} job whose lease lapsed with attempts left since its {@code leaseExpiresAt}.
     * Now minus this is the queue's age, how long the oldest waiting work has waited: what a host
     * scales its workers on, and what {@code io.opstate:persistence-micrometer} shows. Jobs of
     * every type count. It reads every queued and running job on the SQL backends: call it
     * periodically (a metric's refresh), not per job.
     *
     * @return empty when nothing is claimable now
     */
    Optional<Instant> oldestClaimableSince();

    /**
     * Deletes a job in any state. A worker still holding it gets {@link io.opstate.NotFoundException}.
     *
     * @return whether a job was deleted
     */
    boolean delete(String id);

    /** Deletes succeeded, failed and cancelled jobs that finished before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);

    /**
     * Deletes every job matching {@code query}, in any state, and returns how many: retention by
     * type, status and creation time, e.g. {@code JobQuery.all().createdBetween(null, cutoff)}.
     * Jobs are deleted in batches of at most {@value #DELETE_BATCH_SIZE}, each its own
     * transaction, so a large delete never holds one long transaction or lock: it is
     * <b>not atomic</b> as a whole. Should it fail part way, the batches before stay deleted;
     * calling it again deletes the rest. A job created or changed so that it matches while the
     * call runs may or may not be deleted. Inside {@link io.opstate.Datastore#inTransaction} the
     * batches are part of that one transaction. A worker still holding a deleted job gets
     * {@link io.opstate.NotFoundException} on its next call, as after {@link #delete}.
     *
     * @param query required; {@link JobQuery#all()} deletes every job
     * @return how many jobs this call deleted
     */
    int deleteMatching(JobQuery query);

    /** The most jobs one transaction of {@link #deleteMatching} deletes. */
    int DELETE_BATCH_SIZE = 1000;
}
