package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input to every pipeline, schedule, execution and history operation: rejected with
 * {@link InvalidInputException} naming the field, and the store unchanged afterwards.
 */
public abstract class InvalidInputContract extends InvalidInputSupport {
    private Schedule schedule;
    private Execution execution;

    @BeforeEach
    void seed() {
        pipelines().create(NewPipeline.of("etl", "{\"steps\":[]}").withDescription("seeded"));
        schedule = schedules().create(NewSchedule.of("hourly", "etl", "0 * * * *").withId("s1"));
        execution = executions().start(NewExecution.of("etl", "alice").withId("e1").withSteps("[]"));
        history().append(NewHistoryEvent.of("seeded").withSubjectId("etl").withMetadata("{}"));
    }

    @Test
    @DisplayName("pipelines.create: bad name, missing or malformed or oversized config, long description, NUL")
    void pipelineCreate() {
        assertRejected("pipeline", () -> pipelines().create(null));
        assertRejected("name", () -> pipelines().create(NewPipeline.of(null, "{}")));
        assertRejected("name", () -> pipelines().create(NewPipeline.of(" ", "{}")));
        assertRejected("name", () -> pipelines().create(NewPipeline.of(text(201), "{}")));
        assertRejected("name", () -> pipelines().create(NewPipeline.of("a\rb", "{}")));
        assertRejected("config", () -> pipelines().create(NewPipeline.of("p", null)));
        for (String bad : MALFORMED_JSON) {
            assertRejected("config", () -> pipelines().create(NewPipeline.of("p", bad)));
        }
        assertRejected("config", () -> pipelines().create(NewPipeline.of("p", jsonOfBytes(MAX_PAYLOAD + 1))));
        assertRejected("config", () -> pipelines().create(NewPipeline.of("p", jsonOverLimitInBytesOnly())));
        assertRejected("config", () -> pipelines().create(NewPipeline.of("p", JSON_WITH_NUL)));
        assertRejected("description",
                () -> pipelines().create(NewPipeline.of("p", "{}").withDescription(text(10_001))));
        assertRejected("description", () -> pipelines().create(NewPipeline.of("p", "{}").withDescription("a\u0000b")));
        assertThat(pipelines().create(NewPipeline.of("p", jsonOfBytes(MAX_PAYLOAD)).withDescription(text(10_000)))
                .version()).isEqualTo(1);
    }

    @Test
    @DisplayName("pipelines: update, delete with bad input, get and find with a null name; list with bad paging")
    void pipelineOtherOperations() {
        assertRejected("changes", () -> pipelines().update("etl", 1, null));
        assertRejected("config", () -> pipelines().update("etl", 1, PipelineChanges.none().withConfig("{")));
        assertRejected("config", () -> pipelines().update("etl", 1, PipelineChanges.none().withConfig("")));
        assertRejected("config", () -> pipelines().update("etl", 1, PipelineChanges.none().withConfig(JSON_WITH_NUL)));
        assertRejected("description",
                () -> pipelines().update("etl", 1, PipelineChanges.none().withDescription(text(10_001))));
        assertRejected("description",
                () -> pipelines().update("etl", 1, PipelineChanges.none().withDescription("a\u0000b")));
        assertRejected("name", () -> pipelines().update("", 1, PipelineChanges.none().withConfig("{}")));
        assertRejected("name", () -> pipelines().get(null));
        assertRejected("name", () -> pipelines().find(null));
        assertRejected("name", () -> pipelines().delete(" "));
        assertRejected("limit", () -> pipelines().list(PageRequest.first(0)));
        assertRejected("limit", () -> pipelines().list(PageRequest.first(1001)));
        assertRejected("cursor", () -> pipelines().list(PageRequest.first().after("%%%")));
    }

    @Test
    @DisplayName("schedules.create: bad name, pipeline, id; missing or malformed cron expression")
    void scheduleCreate() {
        assertRejected("name", () -> schedules().create(NewSchedule.of(null, "etl", "0 * * * *")));
        assertRejected("name", () -> schedules().create(NewSchedule.of(text(201), "etl", "0 * * * *")));
        assertRejected("pipeline", () -> schedules().create(NewSchedule.of("n", "", "0 * * * *")));
        assertRejected("pipeline", () -> schedules().create(NewSchedule.of("n", "a\u0000", "0 * * * *")));
        assertRejected("id", () -> schedules().create(NewSchedule.of("n", "etl", "0 * * * *").withId("a\tb")));
        for (String bad : new String[] {null, "", "   ", "not cron", "* * * *", "* * * * * *", "61 * * * *",
                "0 25 * * *", "0 0 32 * *", "0 0 * 13 *", "0 * * * *\u0000", "0\t* * * *", "0 0 * * \u0661",
                "1,".repeat(124) + "59 0 * * *", "0 0 * * " + "1,".repeat(500_000) + "1"}) {
            assertRejected("cronExpression", () -> schedules().create(NewSchedule.of("n", "etl", bad)));
        }
    }

    @Test
    @DisplayName("schedules: update, recordRun, findDue, get, find, delete, list with bad input")
    void scheduleOtherOperations() {
        String id = schedule.id();
        assertRejected("cronExpression", () -> schedules().update(id, 1,
                ScheduleChanges.none().withCronExpression("every hour")));
        assertRejected("name", () -> schedules().update(id, 1, ScheduleChanges.none().withName(" ")));
        assertRejected("pipeline", () -> schedules().update(id, 1, ScheduleChanges.none().withPipeline(text(201))));
        assertRejected("id", () -> schedules().update("", 1, ScheduleChanges.none().withName("x")));
        assertRejected("ranAt", () -> schedules().recordRun(id, 1, TOO_LATE, "ok"));
        assertRejected("ranAt", () -> schedules().recordRun(id, 1, TOO_EARLY, "ok"));
        assertRejected("result", () -> schedules().recordRun(id, 1, T0, text(10_001)));
        assertRejected("limit", () -> schedules().findDue(T0, 0));
        assertRejected("limit", () -> schedules().findDue(T0, 1001));
        assertRejected("asOf", () -> schedules().findDue(TOO_LATE, 10));
        assertRejected("id", () -> schedules().get(null));
        assertRejected("id", () -> schedules().find(null));
        assertRejected("id", () -> schedules().delete(text(201)));
        assertRejected("limit", () -> schedules().list(PageRequest.first(1001)));
        assertRejected("cursor", () -> schedules().list(PageRequest.first().after("garbage")));
        assertThat(schedules().create(NewSchedule.of("n", "etl", "\t0 * * * *\n")).cronExpression()).isEqualTo("0 * * * *");
        assertThat(schedules().findDue(T0, 1000)).isEmpty();
    }

    @Test
    @DisplayName("executions.start: bad pipeline, triggeredBy, ids; malformed or oversized context and steps")
    void executionStart() {
        assertRejected("pipeline", () -> executions().start(NewExecution.of(null, "alice")));
        assertRejected("triggeredBy", () -> executions().start(NewExecution.of("etl", "")));
        assertRejected("triggeredBy", () -> executions().start(NewExecution.of("etl", text(201))));
        assertRejected("id", () -> executions().start(NewExecution.of("etl", "alice").withId(" ")));
        assertRejected("scheduleId", () -> executions().start(NewExecution.of("etl", "alice").withScheduleId("")));
        assertRejected("jobId", () -> executions().start(NewExecution.of("etl", "alice").withJobId(text(201))));
        assertRejected("context", () -> executions().start(NewExecution.of("etl", "alice").withContext("{")));
        assertRejected("context", () -> executions().start(NewExecution.of("etl", "alice")
                .withContext(jsonOfBytes(MAX_PAYLOAD + 1))));
        assertRejected("steps", () -> executions().start(NewExecution.of("etl", "alice").withSteps("[1,]")));
        assertRejected("steps", () -> executions().start(NewExecution.of("etl", "alice").withSteps(JSON_WITH_NUL)));
    }

    @Test
    @DisplayName("executions: updateSteps, finish (status missing or RUNNING), get, list, retention with bad input")
    void executionOtherOperations() {
        String id = execution.id();
        assertRejected("steps", () -> executions().updateSteps(id, "{"));
        assertRejected("steps", () -> executions().updateSteps(id, jsonOverLimitInBytesOnly()));
        assertRejected("id", () -> executions().updateSteps("", "[]"));
        assertRejected("status", () -> executions().finish(id, new ExecutionOutcome(null, null, null)));
        assertRejected("status", () -> executions().finish(id, new ExecutionOutcome(ExecutionStatus.RUNNING, null, null)));
        assertRejected("steps", () -> executions().finish(id, ExecutionOutcome.succeeded().withSteps("nope")));
        assertRejected("context", () -> executions().finish(id, ExecutionOutcome.succeeded().withContext("{\"open\": ")));
        assertRejected("id", () -> executions().get(null));
        assertRejected("id", () -> executions().find(null));
        assertRejected("startedFrom", () -> executions().list(ExecutionQuery.all().startedBetween(TOO_EARLY, null),
                PageRequest.first()));
        assertRejected("startedBefore", () -> executions().list(ExecutionQuery.all().startedBetween(null, TOO_LATE),
                PageRequest.first()));
        assertRejected("limit", () -> executions().list(ExecutionQuery.all(), PageRequest.first(0)));
        assertRejected("cursor", () -> executions().list(ExecutionQuery.all(), PageRequest.first().after("x")));
        assertRejected("cutoff", () -> executions().deleteStartedBefore(TOO_EARLY));
        assertRejected("status", () -> ExecutionStatus.parse("done"));
        assertRejected("status", () -> ExecutionStatus.parse(null));
        assertRejected("status", () -> ExecutionStatus.parse("succeeded\u0000"));
        assertThat(ExecutionStatus.parse("SUCCEEDED")).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("history: bad event, subject, metadata; bad query bounds, paging and cutoff")
    void historyOperations() {
        assertRejected("event", () -> history().append(null));
        assertRejected("event", () -> history().append(NewHistoryEvent.of(null)));
        assertRejected("event", () -> history().append(NewHistoryEvent.of("")));
        assertRejected("event", () -> history().append(NewHistoryEvent.of(text(201))));
        assertRejected("event", () -> history().append(NewHistoryEvent.of("a\u0000")));
        assertRejected("subjectId", () -> history().append(NewHistoryEvent.of("e").withSubjectId(text(201))));
        assertRejected("subjectId", () -> history().append(NewHistoryEvent.of("e").withSubjectId("a\u0007")));
        for (String bad : MALFORMED_JSON) {
            assertRejected("metadata", () -> history().append(NewHistoryEvent.of("e").withMetadata(bad)));
        }
        assertRejected("metadata",
                () -> history().append(NewHistoryEvent.of("e").withMetadata(jsonOfBytes(MAX_PAYLOAD + 1))));
        assertRejected("metadata", () -> history().append(NewHistoryEvent.of("e").withMetadata(JSON_WITH_NUL)));
        assertRejected("from", () -> history().list(HistoryQuery.all().between(TOO_EARLY, null), PageRequest.first()));
        assertRejected("before", () -> history().list(HistoryQuery.all().between(null, TOO_LATE), PageRequest.first()));
        assertRejected("limit", () -> history().list(HistoryQuery.all(), PageRequest.first(1001)));
        assertRejected("cursor", () -> history().list(HistoryQuery.all(), PageRequest.first().after("-")));
        assertRejected("cutoff", () -> history().deleteBefore(TOO_LATE));
        assertThat(history().append(NewHistoryEvent.of("e").withSubjectId(text(200))
                .withMetadata(jsonOfBytes(MAX_PAYLOAD))).subjectId()).hasSize(200);
    }
}
