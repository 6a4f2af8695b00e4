package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.StaleVersionException;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Versions: start at 1, gain exactly 1 per change; a stale expected version changes nothing. */
public abstract class OptimisticConcurrencyContract extends TckSupport {

    @Test
    @DisplayName("pipelines: a stale or future version is StaleVersionException naming entity, name and version")
    void stalePipeline() {
        pipelines().create(NewPipeline.of("p", "{}").withDescription("v1"));
        Pipeline v2 = pipelines().update("p", 1, PipelineChanges.none().withDescription("v2").withConfig("{\"v\":2}"));
        assertThat(v2.version()).isEqualTo(2);

        StaleVersionException stale = assertFailsUnchanged(StaleVersionException.class,
                () -> pipelines().update("p", 1, PipelineChanges.none().withDescription("lost update")));
        assertThat(stale.entity()).isEqualTo("pipeline");
        assertThat(stale.id()).isEqualTo("p");
        assertThat(stale.expectedVersion()).isEqualTo(1);
        assertFailsUnchanged(StaleVersionException.class,
                () -> pipelines().update("p", 3, PipelineChanges.none().withDescription("ahead")));
        assertFailsUnchanged(StaleVersionException.class,
                () -> pipelines().update("p", 0, PipelineChanges.none().withDescription("zero")));
        assertThat(pipelines().get("p").description()).isEqualTo("v2");
        assertThat(pipelines().update("p", 2, PipelineChanges.none().withDescription("v3")).version()).isEqualTo(3);
    }

    @Test
    @DisplayName("schedules: stale update and stale recordRun change nothing")
    void staleSchedule() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "0 * * * *"));
        schedules().update(s.id(), 1, ScheduleChanges.none().withName("renamed"));

        StaleVersionException update = assertFailsUnchanged(StaleVersionException.class,
                () -> schedules().update(s.id(), 1, ScheduleChanges.none().withEnabled(false)));
        assertThat(update.entity()).isEqualTo("schedule");
        assertThat(update.id()).isEqualTo(s.id());
        assertThat(update.expectedVersion()).isEqualTo(1);
        assertFailsUnchanged(StaleVersionException.class, () -> schedules().recordRun(s.id(), 1, T0, "late"));
        assertFailsUnchanged(StaleVersionException.class, () -> schedules().recordRun(s.id(), 5, T0, "ahead"));
        assertThat(schedules().get(s.id()).lastRunAt()).isNull();
    }

    @Test
    @DisplayName("schedules: of two schedulers firing the same version, only the first records the run")
    void recordRunAtMostOnce() {
        Schedule due = schedules().create(NewSchedule.of("n", "p", "0 * * * *"));
        Schedule fired = schedules().recordRun(due.id(), due.version(), due.nextRunAt(), "scheduler-a");
        assertFailsUnchanged(StaleVersionException.class,
                () -> schedules().recordRun(due.id(), due.version(), due.nextRunAt(), "scheduler-b"));
        assertThat(schedules().get(due.id())).isEqualTo(fired);
        assertThat(fired.lastResult()).isEqualTo("scheduler-a");
    }

    @Test
    @DisplayName("8 threads updating a pipeline at the same version: exactly one wins")
    void concurrentUpdatesOneWinner() throws Exception {
        pipelines().create(NewPipeline.of("p", "{}"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String description = "writer-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        pipelines().update("p", 1, PipelineChanges.none().withDescription(description));
                        return true;
                    } catch (StaleVersionException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> result : results) {
                won.add(result.get(1, TimeUnit.MINUTES));
            }
            assertThat(won).containsOnlyOnce(true);
            assertThat(pipelines().get("p").version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("jobs: version + 1 on claim, progress, renew, fail, retry, complete and cancel")
    void jobVersions() {
        Job job = jobs().create(NewJob.of("t").withMaxAttempts(3));
        assertThat(job.version()).isEqualTo(1);
        Job claimed = jobs().claimNext("w", Set.of(), LEASE).orElseThrow();
        assertThat(claimed.version()).isEqualTo(2);
        long token = claimed.fencingToken();
        assertThat(jobs().reportProgress(job.id(), token, JobProgress.fraction(0.5)).version()).isEqualTo(3);
        assertThat(jobs().renewLease(job.id(), token, LEASE).version()).isEqualTo(4);
        assertThat(jobs().fail(job.id(), token, JobFailure.of("x")).version()).isEqualTo(5);
        assertThat(jobs().retry(job.id(), null).version()).isEqualTo(6);
        Job again = jobs().claimNext("w", Set.of(), LEASE).orElseThrow();
        assertThat(again.version()).isEqualTo(7);
        assertThat(jobs().complete(job.id(), again.fencingToken(), null).version()).isEqualTo(8);
        assertThat(jobs().get(job.id()).version()).isEqualTo(8);
        Job other = jobs().create(NewJob.of("t"));
        assertThat(jobs().cancel(other.id()).version()).isEqualTo(2);
    }

    @Test
    @DisplayName("schedules and executions: version + 1 on every change")
    void scheduleAndExecutionVersions() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "0 * * * *"));
        assertThat(s.version()).isEqualTo(1);
        assertThat(schedules().update(s.id(), 1, ScheduleChanges.none().withName("m")).version()).isEqualTo(2);
        assertThat(schedules().recordRun(s.id(), 2, T0, "ok").version()).isEqualTo(3);
        assertThat(schedules().get(s.id()).version()).isEqualTo(3);

        Execution e = executions().start(NewExecution.of("p", "alice"));
        assertThat(e.version()).isEqualTo(1);
        assertThat(executions().updateSteps(e.id(), "[1]").version()).isEqualTo(2);
        assertThat(executions().updateSteps(e.id(), "[1,2]").version()).isEqualTo(3);
        assertThat(executions().finish(e.id(), ExecutionOutcome.succeeded()).version()).isEqualTo(4);
        assertThat(executions().get(e.id()).version()).isEqualTo(4);
    }
}
