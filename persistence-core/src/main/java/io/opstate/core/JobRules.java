package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobStatus;
import java.time.Instant;

/**
 * The job rules that depend on a job's stored state, not on the arguments alone, written once in
 * Java: a backend that keeps its jobs in Java applies them directly; a SQL backend applies them in
 * its statements and asks these to explain a statement that matched no row. Stateless and
 * thread-safe.
 */
public final class JobRules {
    private JobRules() {
    }

    /**
     * Since when a job that is {@link #claimable} has been: a queued job since its
     * {@code notBefore}, a running one since its lease lapsed.
     */
    public static Instant claimableSince(Job job) {
        return job.status() == JobStatus.QUEUED ? job.notBefore() : job.leaseExpiresAt();
    }

    /**
     * Whether {@code job} may be claimed at {@code now}: {@code QUEUED} with {@code notBefore}
     * reached, or {@code RUNNING} with its lease expired and attempts left.
     */
    public static boolean claimable(Job job, Instant now) {
        if (job.status() == JobStatus.QUEUED) {
            return !job.notBefore().isAfter(now);
        }
        return job.status() == JobStatus.RUNNING && job.leaseExpiresAt() != null
                && !job.leaseExpiresAt().isAfter(now) && job.attempts() < job.maxAttempts();
    }

    /**
     * Why {@code report} cannot apply to {@code held}, or null when it can: a report carrying bytes
     * must leave bytes done (reported, else stored) within the total it leaves (reported, else
     * stored) when that total is known. A report without bytes is never refused for them. A report
     * carrying bytes done is refused naming {@code bytesDone}; one carrying only a total below the
     * bytes already done, naming {@code bytesTotal}.
     */
    public static InvalidInputException bytesRefusal(Job held, JobProgress report) {
        if (report.bytesDone() == null && report.bytesTotal() == null) {
            return null;
        }
        long done = report.bytesDone() != null ? report.bytesDone() : held.bytesDone();
        Long total = report.bytesTotal() != null ? report.bytesTotal() : held.bytesTotal();
        if (total == null || done <= total) {
            return null;
        }
        if (report.bytesDone() != null) {
            String whose = report.bytesTotal() != null ? "" : " already reported";
            return new InvalidInputException("bytesDone",
                    "must not exceed the bytesTotal" + whose + " (" + total + "), got " + done);
        }
        return new InvalidInputException("bytesTotal",
                "must not be below the bytesDone already reported (" + done + "), got " + total);
    }

    /**
     * The fraction done once {@code report} applies to {@code held}: the reported one when given;
     * else, when the report carries bytes and the total it leaves is above zero, bytes done over
     * that total; else the stored one.
     */
    public static Double progressAfter(Job held, JobProgress report) {
        if (report.progress() != null) {
            return report.progress();
        }
        if (report.bytesDone() == null && report.bytesTotal() == null) {
            return held.progress();
        }
        long done = report.bytesDone() != null ? report.bytesDone() : held.bytesDone();
        Long total = report.bytesTotal() != null ? report.bytesTotal() : held.bytesTotal();
        if (total == null || total == 0) {
            return held.progress();
        }
        return (double) done / total;
    }

    /** The bytes done of {@code held} once completed: its total when known, else as they were. */
    public static long bytesDoneOnCompletion(Job held) {
        return held.bytesTotal() != null ? held.bytesTotal() : held.bytesDone();
    }
}
