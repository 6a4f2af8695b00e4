package io.opstate.examples;

import io.opstate.Datastore;
import io.opstate.LeaseLostException;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A job worker, the loop every host writes: claim the next job under a lease, work on it while
 * reporting progress with the claim's fencing token, then complete it or fail it (asking for a
 * retry). Each attempt is also recorded as an execution of the pipeline, and each outcome as a
 * history event. Several workers share one {@link Datastore}; the store hands each job to
 * exactly one of them.
 */
final class Worker implements Runnable {
    /** Long enough for one report; a worker that dies loses its jobs to others after this. */
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    private static final long IDLE_PAUSE_MILLIS = 20;

    private final String id;
    private final Datastore store;
    private final Batch batch;
    private final Clock clock;
    private final PrintStream out;

    Worker(String id, Datastore store, Batch batch, Clock clock, PrintStream out) {
        this.id = id;
        this.store = store;
        this.batch = batch;
        this.clock = clock;
        this.out = out;
    }

    String id() {
        return id;
    }

    @Override
    public void run() {
        while (!batch.isFinished()) {
            Optional<Job> claimed = store.jobs().claimNext(id, Set.of(ReportPipeline.JOB_TYPE), LEASE);
            if (claimed.isPresent()) {
                process(claimed.get());
            } else {
                pause();
            }
        }
    }

    private void process(Job job) {
        Execution execution = store.executions().start(NewExecution.of(ReportPipeline.PIPELINE, id)
                .withScheduleId(batch.schedule().id())
                .withJobId(job.id())
                .withContext(job.payload()));
        ReportTask task = ReportTask.of(job);
        Steps steps = new Steps();
        try {
            for (String stage : ReportPipeline.STAGES) {
                store.jobs().reportProgress(job.id(), job.fencingToken(), task.progressBefore(stage));
                task.perform(stage, job.attempts());
                steps.done(stage);
                store.jobs().reportProgress(job.id(), job.fencingToken(), task.progressAfter(stage));
                store.executions().updateSteps(execution.id(), steps.toJson());
            }
            succeed(job, execution, task, steps);
        } catch (ReportTask.Failure failure) {
            steps.failed(failure.stage());
            failAttempt(job, execution, task, failure, steps);
        } catch (LeaseLostException e) {
            // The lease ran out and another worker claimed the job, or it was cancelled: the
            // token no longer holds it, so stop here and leave the job to its new owner.
            store.executions().finish(execution.id(), ExecutionOutcome.cancelled().withSteps(steps.toJson()));
            out.printf("[%s] %s: lost the job to another worker, giving up%n", id, task.report());
        }
    }

    /** Completes the job, closes the execution and logs the event in one transaction: all or nothing. */
    private void succeed(Job job, Execution execution, ReportTask task, Steps steps) {
        store.useTransaction(tx -> {
            tx.jobs().complete(job.id(), job.fencingToken(), task.resultJson());
            tx.executions().finish(execution.id(), ExecutionOutcome.succeeded().withSteps(steps.toJson()));
            tx.history().append(NewHistoryEvent.of("report.rendered").withSubjectId(job.id())
                    .withMetadata(task.eventJson(job.attempts(), null)));
        });
        out.printf("[%s] %s: done (attempt %d)%n", id, task.report(), job.attempts());
    }

    /** Records the failed attempt; the store re-queues the job while attempts remain, else it ends failed. */
    private void failAttempt(Job job, Execution execution, ReportTask task, ReportTask.Failure failure,
                             Steps steps) {
        Job after = store.inTransaction(tx -> {
            Job failed = tx.jobs().fail(job.id(), job.fencingToken(), JobFailure.of(failure.getMessage())
                    .withDetail(failure.detail())
                    .retryAt(clock.instant().plus(RETRY_BACKOFF)));
            tx.executions().finish(execution.id(),
                    ExecutionOutcome.failed(failure.getMessage()).withSteps(steps.toJson()));
            String event = failed.status() == JobStatus.QUEUED ? "report.retry-scheduled" : "report.failed";
            tx.history().append(NewHistoryEvent.of(event).withSubjectId(job.id())
                    .withMetadata(task.eventJson(job.attempts(), failure.getMessage())));
            return failed;
        });
        String next = after.status() == JobStatus.QUEUED
                ? "retry in " + RETRY_BACKOFF.toMillis() + " ms"
                : "no attempts left, job failed";
        out.printf("[%s] %s: %s (attempt %d of %d), %s%n",
                id, task.report(), failure.getMessage(), job.attempts(), job.maxAttempts(), next);
    }

    private static void pause() {
        try {
            Thread.sleep(IDLE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("worker interrupted", e);
        }
    }
}
