package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.IllegalTransitionException;
import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.schedules.NewSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipeline executions: start, steps, finish, listing and retention. */
public abstract class ExecutionContract extends TckSupport {

    private List<String> ids(ExecutionQuery query) {
        return StoreSnapshot.readAll(page -> executions().list(query, page)).stream().map(Execution::id).toList();
    }

    @Test
    @DisplayName("start: running, started now, version 1, every given field stored")
    void start() {
        String scheduleId = schedules().create(NewSchedule.of("n", "etl", "0 * * * *")).id();
        Execution e = executions().start(NewExecution.of("etl", "scheduler").withScheduleId(scheduleId)
                .withJobId("job-that-may-be-gone").withContext("{\"date\": \"2026-03-01\", \"full\": false}")
                .withSteps("[{\"name\": \"extract\", \"status\": \"pending\"}]"));

        assertThat(UUID.fromString(e.id()).version()).isEqualTo(7);
        assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(e.startedAt()).isEqualTo(T0);
        assertThat(e.endedAt()).isNull();
        assertThat(e.durationMillis()).isNull();
        assertThat(e.error()).isNull();
        assertThat(e.scheduleId()).isEqualTo(scheduleId);
        assertThat(e.jobId()).isEqualTo("job-that-may-be-gone");
        assertThat(e.pipeline()).isEqualTo("etl");
        assertThat(e.triggeredBy()).isEqualTo("scheduler");
        assertJsonEquals("{\"full\":false,\"date\":\"2026-03-01\"}", e.context());
        assertJsonEquals("[{\"status\":\"pending\",\"name\":\"extract\"}]", e.steps());
        assertThat(e.version()).isEqualTo(1);

        Execution read = executions().get(e.id());
        assertThat(read).usingRecursiveComparison().ignoringFields("context", "steps").isEqualTo(e);
        assertJsonEquals(e.context(), read.context());
        assertThat(executions().find(e.id())).isPresent();
    }

    @Test
    @DisplayName("start: an ad-hoc run has no schedule, job, context or steps")
    void startAdHoc() {
        Execution e = executions().start(NewExecution.of("p", "alice").withId("run-1"));
        assertThat(e.id()).isEqualTo("run-1");
        assertThat(e.scheduleId()).isNull();
        assertThat(e.jobId()).isNull();
        assertThat(e.context()).isNull();
        assertThat(e.steps()).isNull();
        assertThat(executions().get("run-1")).isEqualTo(e);
    }

    @Test
    @DisplayName("start: an unknown schedule is NotFoundException(schedule, id); a taken id is DuplicateKeyException")
    void startRefused() {
        NotFoundException missing = assertFailsUnchanged(NotFoundException.class,
                () -> executions().start(NewExecution.of("p", "alice").withScheduleId("no-such-schedule")));
        assertThat(missing.entity()).isEqualTo("schedule");
        assertThat(missing.id()).isEqualTo("no-such-schedule");

        executions().start(NewExecution.of("p", "alice").withId("x"));
        DuplicateKeyException dup = assertFailsUnchanged(DuplicateKeyException.class,
                () -> executions().start(NewExecution.of("q", "bob").withId("x")));
        assertThat(dup.entity()).isEqualTo("execution");
        assertThat(dup.id()).isEqualTo("x");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent starts: each caller gets back its own execution exactly as stored (starts that meet"
            + " may share a statement); a taken id or an unknown schedule fails its own caller only, with"
            + " DuplicateKeyException or NotFoundException")
    void concurrentStartsReturnTheirOwnExecutions() throws Exception {
        String scheduleId = schedules().create(NewSchedule.of("n", "etl", "0 * * * *")).id();
        String taken = executions().start(NewExecution.of("first", "alice")).id();
        AtomicInteger threads = new AtomicInteger();
        Map<String, Execution> returned = new ConcurrentHashMap<>();
        List<List<String>> outcomes = onAllThreads(() -> {
            int thread = threads.getAndIncrement();
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i % 20 == 7) {
                    mine.add(refusal(NewExecution.of("duplicate", "bob").withId(taken)));
                } else if (i % 20 == 13) {
                    mine.add(refusal(NewExecution.of("orphan", "bob").withScheduleId("no-such-schedule")));
                } else {
                    String caller = "t" + thread + "-" + i;
                    String schedule = i % 2 == 0 ? scheduleId : null;
                    Execution started = executions().start(NewExecution.of("p" + thread, caller)
                            .withScheduleId(schedule).withJobId(i % 3 == 0 ? null : "job-" + caller)
                            .withContext("{\"caller\": \"" + caller + "\"}")
                            .withSteps(i % 4 == 0 ? null : "[{\"step\": " + i + "}]"));
                    returned.put(started.id(), started);
                    boolean own = started.pipeline().equals("p" + thread) && started.triggeredBy().equals(caller)
                            && Objects.equals(started.scheduleId(), schedule)
                            && Objects.equals(started.jobId(), i % 3 == 0 ? null : "job-" + caller)
                            && started.context().replace(" ", "").equals("{\"caller\":\"" + caller + "\"}")
                            && started.status() == ExecutionStatus.RUNNING && started.startedAt().equals(T0)
                            && started.version() == 1;
                    mine.add(own ? started.id() : "someone else's execution: " + started);
                }
            }
            return mine;
        });
        List<String> all = outcomes.stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(outcome -> outcome.startsWith("refused")).hasSize(THREADS * 4)
                .containsOnly("refused: execution " + taken, "refused: schedule no-such-schedule")
                .contains("refused: execution " + taken, "refused: schedule no-such-schedule");
        List<String> started = all.stream().filter(outcome -> !outcome.startsWith("refused")).toList();
        assertThat(started).hasSize(THREADS * 36).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(executions().find(id)).contains(returned.get(id)));
        assertThat(executions().get(taken).pipeline()).isEqualTo("first");
        assertThat(ids(ExecutionQuery.all())).hasSize(THREADS * 36 + 1);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent finishes: each caller gets back its own execution as finished; finishing a finished"
            + " or unknown execution fails its own caller only, with IllegalTransitionException or NotFoundException")
    void concurrentFinishesReturnTheirOwnExecutions() throws Exception {
        AtomicInteger threads = new AtomicInteger();
        List<List<String>> outcomes = onAllThreads(() -> {
            int thread = threads.getAndIncrement();
            List<String> mine = new ArrayList<>();
            String last = null;
            for (int i = 0; i < 40; i++) {
                if (i % 20 == 7) {
                    mine.add(finishRefused(last));
                } else if (i % 20 == 13) {
                    mine.add(finishRefused("no-such-execution-" + thread));
                }
                String caller = "t" + thread + "-" + i;
                String id = executions().start(NewExecution.of("p", caller).withContext("{}")).id();
                ExecutionOutcome outcome = i % 2 == 0
                        ? ExecutionOutcome.succeeded().withSteps("[\"" + caller + "\"]")
                        : ExecutionOutcome.failed("failed " + caller).withContext("{\"by\":\"" + caller + "\"}");
                Execution finished = executions().finish(id, outcome);
                boolean own = finished.id().equals(id) && finished.triggeredBy().equals(caller)
                        && finished.status() == outcome.status() && Objects.equals(finished.error(), outcome.error())
                        && (outcome.steps() == null || finished.steps().replace(" ", "").equals(outcome.steps()))
                        && finished.context().replace(" ", "").equals(outcome.context() == null ? "{}" : outcome.context())
                        && finished.endedAt() != null && finished.durationMillis() != null && finished.version() == 2;
                mine.add(own ? id : "someone else's execution: " + finished);
                last = id;
            }
            return mine;
        });
        List<String> all = outcomes.stream().flatMap(List::stream).toList();
        assertThat(all).noneMatch(outcome -> outcome.startsWith("someone else's"));
        assertThat(all).filteredOn(outcome -> outcome.startsWith("refused")).hasSize(THREADS * 4)
                .allMatch(outcome -> outcome.equals("refused: finished") || outcome.equals("refused: not found"))
                .contains("refused: finished", "refused: not found");
        List<String> finished = all.stream().filter(outcome -> !outcome.startsWith("refused")).toList();
        assertThat(finished).hasSize(THREADS * 40).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(executions().get(id).status()).isNotEqualTo(ExecutionStatus.RUNNING));
    }

    /** How finishing {@code id} was refused, leaving the store as it was. */
    private String finishRefused(String id) {
        try {
            return "finished: " + executions().finish(id, ExecutionOutcome.failed("again"));
        } catch (IllegalTransitionException e) {
            return e.id().equals(id) ? "refused: finished" : "refused for another execution: " + e.id();
        } catch (NotFoundException e) {
            return e.id().equals(id) ? "refused: not found" : "refused for another execution: " + e.id();
        }
    }

    /** How starting {@code execution} was refused: the entity and id the typed exception names. */
    private String refusal(NewExecution execution) {
        try {
            return "stored: " + executions().start(execution);
        } catch (DuplicateKeyException e) {
            return "refused: " + e.entity() + " " + e.id();
        } catch (NotFoundException e) {
            return "refused: " + e.entity() + " " + e.id();
        }
    }

    @Test
    @DisplayName("updateSteps: replaces the steps of a running execution, version + 1")
    void updateSteps() {
        Execution e = executions().start(NewExecution.of("p", "alice").withSteps("[]"));
        Execution updated = executions().updateSteps(e.id(), "[{\"name\":\"a\",\"done\":true}]");
        assertJsonEquals("[{\"done\":true,\"name\":\"a\"}]", updated.steps());
        assertThat(updated.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(updated.version()).isEqualTo(2);
        assertJsonEquals(updated.steps(), executions().get(e.id()).steps());
    }

    @Test
    @DisplayName("finish: ended now, whole milliseconds of duration, steps kept when the outcome has none")
    void finishSucceeded() {
        Execution e = executions().start(NewExecution.of("p", "alice").withSteps("[1]"));
        Instant end = advance(Duration.ofMillis(1500).plusNanos(900_000));
        Execution done = executions().finish(e.id(), ExecutionOutcome.succeeded());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.endedAt()).isEqualTo(end);
        assertThat(done.durationMillis()).isEqualTo(1500L);
        assertJsonEquals("[1]", done.steps());
        assertThat(done.error()).isNull();
        assertThat(done.version()).isEqualTo(2);
        assertThat(executions().get(e.id())).usingRecursiveComparison().ignoringFields("steps").isEqualTo(done);
    }

    @Test
    @DisplayName("finish: the duration is exact over long spans and truncated like Duration.toMillis,"
            + " also when the clock went back")
    void finishDurationArithmetic() {
        Execution e = executions().start(NewExecution.of("p", "alice"));
        Duration long400Days = Duration.ofDays(400).plusMillis(999).plusNanos(999_000);
        advance(long400Days);
        assertThat(executions().finish(e.id(), ExecutionOutcome.succeeded()).durationMillis())
                .isEqualTo(long400Days.toMillis());

        Execution back = executions().start(NewExecution.of("p", "bob"));
        Duration stepBack = Duration.ofNanos(-1_500_000);
        advance(stepBack);
        assertThat(executions().finish(back.id(), ExecutionOutcome.succeeded()).durationMillis())
                .isEqualTo(stepBack.toMillis()).isEqualTo(-1L);
    }

    @Test
    @DisplayName("finish: failed with its error, steps replaced when the outcome carries them")
    void finishFailedWithSteps() {
        Execution e = executions().start(NewExecution.of("p", "alice").withSteps("[1]"));
        advance(Duration.ofSeconds(2));
        Execution failed = executions().finish(e.id(), ExecutionOutcome.failed("step 2 broke").withSteps("[1, 2]"));
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("step 2 broke");
        assertThat(failed.durationMillis()).isEqualTo(2000L);
        assertJsonEquals("[1,2]", executions().get(e.id()).steps());

        Execution other = executions().start(NewExecution.of("p", "bob"));
        Execution cancelled = executions().finish(other.id(), ExecutionOutcome.cancelled());
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(cancelled.durationMillis()).isZero();
    }

    @Test
    @DisplayName("finish: the context is replaced when the outcome carries one (a run's result, known at its end),"
            + " kept when it does not")
    void finishReplacesTheContextOnlyWhenGiven() {
        Execution kept = executions().start(NewExecution.of("p", "alice").withContext("{\"input\": 1}"));
        Execution replaced = executions().start(NewExecution.of("p", "bob").withContext("{\"input\": 2}"));
        Execution empty = executions().start(NewExecution.of("p", "carol"));

        executions().finish(kept.id(), ExecutionOutcome.succeeded().withSteps("[1]"));
        Execution done = executions().finish(replaced.id(),
                ExecutionOutcome.failed("broke").withContext("{\"input\": 2, \"rows\": 120}"));
        executions().finish(empty.id(), ExecutionOutcome.cancelled().withContext("{\"rows\": 0}"));

        assertJsonEquals("{\"input\": 1}", executions().get(kept.id()).context());
        assertJsonEquals("{\"input\": 2, \"rows\": 120}", done.context());
        assertJsonEquals("{\"input\": 2, \"rows\": 120}", executions().get(replaced.id()).context());
        assertJsonEquals("{\"rows\": 0}", executions().get(empty.id()).context());
    }

    @Test
    @DisplayName("finish and updateSteps after the end are IllegalTransitionException; nothing changes")
    void finishedIsFinal() {
        Execution e = executions().start(NewExecution.of("p", "alice"));
        executions().finish(e.id(), ExecutionOutcome.succeeded());
        IllegalTransitionException twice = assertFailsUnchanged(IllegalTransitionException.class,
                () -> executions().finish(e.id(), ExecutionOutcome.failed("late")));
        assertThat(twice.entity()).isEqualTo("execution");
        assertThat(twice.id()).isEqualTo(e.id());
        assertThat(twice.from()).isEqualTo("succeeded");
        IllegalTransitionException steps = assertFailsUnchanged(IllegalTransitionException.class,
                () -> executions().updateSteps(e.id(), "[]"));
        assertThat(steps.from()).isEqualTo("succeeded");
    }

    @Test
    @DisplayName("unknown id: get/finish/updateSteps throw NotFoundException(execution, id), find is empty")
    void unknownId() {
        assertThat(executions().find("ghost")).isEmpty();
        assertThatThrownBy(() -> executions().get("ghost")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("execution");
            assertThat(e.id()).isEqualTo("ghost");
        });
        assertFailsUnchanged(NotFoundException.class, () -> executions().finish("ghost", ExecutionOutcome.succeeded()));
        assertFailsUnchanged(NotFoundException.class, () -> executions().updateSteps("ghost", "[]"));
    }

    @Test
    @DisplayName("list: by startedAt then id; filters by schedule, pipeline, status and start window")
    void list() {
        String s = schedules().create(NewSchedule.of("n", "etl", "0 * * * *")).id();
        executions().start(NewExecution.of("etl", "scheduler").withId("b").withScheduleId(s));
        executions().start(NewExecution.of("etl", "alice").withId("a"));
        advance(Duration.ofSeconds(1));
        executions().start(NewExecution.of("report", "alice").withId("c"));
        advance(Duration.ofSeconds(1));
        executions().start(NewExecution.of("etl", "scheduler").withId("d").withScheduleId(s));
        executions().finish("a", ExecutionOutcome.failed("x"));
        executions().finish("c", ExecutionOutcome.succeeded());

        assertThat(executions().list(ExecutionQuery.all(), PageRequest.first()).items()).extracting(Execution::id)
                .containsExactly("d", "c", "b", "a");
        assertThat(ids(ExecutionQuery.all())).containsExactly("a", "b", "c", "d");
        assertThat(ids(ExecutionQuery.bySchedule(s))).containsExactly("b", "d");
        assertThat(ids(ExecutionQuery.byPipeline("etl"))).containsExactly("a", "b", "d");
        assertThat(ids(ExecutionQuery.all().withStatus(ExecutionStatus.RUNNING))).containsExactly("b", "d");
        assertThat(ids(ExecutionQuery.all().startedBetween(T0.plusSeconds(1), T0.plusSeconds(2))))
                .as("from inclusive, before exclusive").containsExactly("c");
        assertThat(ids(ExecutionQuery.byPipeline("etl").withStatus(ExecutionStatus.RUNNING)
                .startedBetween(T0, null))).containsExactly("b", "d");
        assertThat(ids(ExecutionQuery.bySchedule("other"))).isEmpty();
    }

    @Test
    @DisplayName("deleteStartedBefore: removes executions started strictly before the cutoff, in any status")
    void deleteStartedBefore() {
        executions().start(NewExecution.of("p", "a").withId("old-running"));
        executions().finish(executions().start(NewExecution.of("p", "a").withId("old-done")).id(),
                ExecutionOutcome.succeeded());
        Instant t1 = advance(Duration.ofMinutes(1));
        executions().start(NewExecution.of("p", "a").withId("new"));

        assertThat(executions().deleteStartedBefore(T0)).isZero();
        assertThat(executions().deleteStartedBefore(t1)).isEqualTo(2);
        assertThat(ids(ExecutionQuery.all())).containsExactly("new");
        assertThat(executions().deleteStartedBefore(t1)).isZero();
    }
}
