package io.opstate.memory.internal;

import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import java.time.Instant;

/**
 * The next version of a job: starts as a copy with {@code version + 1} and {@code updatedAt}
 * set to now, so no transition can forget either; the setters change the rest.
 */
final class JobChange {
    private final Job job;
    private final Instant now;
    private JobStatus status;
    private String stage;
    private Double progress;
    private long bytesDone;
    private Long bytesTotal;
    private String message;
    private String result;
    private String error;
    private String errorDetail;
    private int attempts;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant notBefore;
    private String workerId;
    private Instant leaseExpiresAt;
    private long fencingToken;

    private JobChange(Job job, Instant now) {
        this.job = job;
        this.now = now;
        status = job.status();
        stage = job.stage();
        progress = job.progress();
        bytesDone = job.bytesDone();
        bytesTotal = job.bytesTotal();
        message = job.message();
        result = job.result();
        error = job.error();
        errorDetail = job.errorDetail();
        attempts = job.attempts();
        startedAt = job.startedAt();
        finishedAt = job.finishedAt();
        notBefore = job.notBefore();
        workerId = job.workerId();
        leaseExpiresAt = job.leaseExpiresAt();
        fencingToken = job.fencingToken();
    }

    static JobChange of(Job job, Instant now) {
        return new JobChange(job, now);
    }

    JobChange status(JobStatus status) {
        this.status = status;
        return this;
    }

    JobChange stage(String stage) {
        this.stage = stage;
        return this;
    }

    JobChange progress(Double progress) {
        this.progress = progress;
        return this;
    }

    JobChange bytesDone(long bytesDone) {
        this.bytesDone = bytesDone;
        return this;
    }

    JobChange bytesTotal(Long bytesTotal) {
        this.bytesTotal = bytesTotal;
        return this;
    }

    JobChange message(String message) {
        this.message = message;
        return this;
    }

    JobChange result(String result) {
        this.result = result;
        return this;
    }

    JobChange error(String error, String errorDetail) {
        this.error = error;
        this.errorDetail = errorDetail;
        return this;
    }

    /** A new claim by {@code workerId} under {@code fencingToken}: one more attempt, lease until {@code leaseExpiresAt}. */
    JobChange claim(String workerId, long fencingToken, Instant leaseExpiresAt) {
        this.status = JobStatus.RUNNING;
        this.attempts = job.attempts() + 1;
        this.fencingToken = fencingToken;
        this.workerId = workerId;
        this.startedAt = now;
        this.finishedAt = null;
        this.leaseExpiresAt = leaseExpiresAt;
        return this;
    }

    JobChange leaseExpiresAt(Instant leaseExpiresAt) {
        this.leaseExpiresAt = leaseExpiresAt;
        return this;
    }

    /** Ends in a terminal {@code status} now, lease cleared. */
    JobChange finish(JobStatus status) {
        this.status = status;
        this.finishedAt = now;
        this.leaseExpiresAt = null;
        return this;
    }

    /** Back to the queue, claimable from {@code notBefore}, lease cleared. */
    JobChange requeue(Instant notBefore) {
        this.status = JobStatus.QUEUED;
        this.notBefore = notBefore;
        this.finishedAt = null;
        this.leaseExpiresAt = null;
        return this;
    }

    Job build() {
        return new Job(job.id(), job.type(), status, stage, progress, bytesDone, bytesTotal, message,
                job.payload(), result, error, errorDetail, attempts, job.maxAttempts(), job.priority(),
                job.createdAt(), now, startedAt, finishedAt, notBefore, workerId, leaseExpiresAt, fencingToken,
                job.version() + 1, job.dedupKey());
    }
}
