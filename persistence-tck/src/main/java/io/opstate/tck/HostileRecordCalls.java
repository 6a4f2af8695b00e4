package io.opstate.tck;

import static io.opstate.tck.HostileSeed.EXECUTION;
import static io.opstate.tck.HostileSeed.PIPELINE;
import static io.opstate.tck.HostileSeed.SCHEDULE;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.StaleVersionException;
import io.opstate.core.Times;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.NewExecution;
import io.opstate.history.AppendedEvents;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryPosition;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.ScheduleChanges;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every public entry point of the pipeline, schedule, execution and history repositories, with
 * hostile arguments.
 */
final class HostileRecordCalls {
    private static final Hostile<Long> FIRST_VERSION = Hostile.of(1L, "version 1");

    private HostileRecordCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> pipelines() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("pipelines().create", r -> {
            Hostile<NewPipeline> pipeline = r.newPipeline();
            boolean taken = pipeline.value() != null && PIPELINE.equals(pipeline.value().name());
            return HostileCall.writing("create(" + pipeline + ")", s -> s.pipelines().create(pipeline.value()),
                    taken ? Outcome.fails(DuplicateKeyException.class) : Outcome.returns("the pipeline", Objects::nonNull));
        });
        calls.put("pipelines().save", r -> {
            Hostile<NewPipeline> pipeline = r.newPipeline();
            return HostileCall.writing("save(" + pipeline + ")", s -> s.pipelines().save(pipeline.value()),
                    Outcome.returns("the pipeline", Objects::nonNull));
        });
        calls.put("pipelines().update", update(PIPELINE, HostileRecords::pipelineChanges,
                Hostile.of(PipelineChanges.none(), "no changes"), (s, name, version, changes) -> s.pipelines()
                        .update(name, version, changes)));
        calls.put("pipelines().update(any version)", updateAnyVersion(PIPELINE, HostileRecords::pipelineChanges,
                Hostile.of(PipelineChanges.none(), "no changes"), (s, name, changes) -> s.pipelines().update(name, changes)));
        HostileCommonCalls.addKeyed(calls, "pipelines()", PIPELINE::equals, (s, name) -> s.pipelines().find(name),
                (s, name) -> s.pipelines().get(name), (s, name) -> s.pipelines().delete(name));
        calls.put("pipelines().list", r -> {
            Hostile<PageRequest> page = r.page(null, false);
            return HostileCall.reading("list(" + page + ")", s -> s.pipelines().list(page.value()), aPage());
        });
        calls.put("pipelines().stream", r -> {
            Hostile<SortOrder> order = r.values().order();
            return HostileCall.reading("stream(" + order + ")", s -> s.pipelines().stream(order.value()).count(),
                    Outcome.returns("the one pipeline", counted -> (Long) counted == 1));
        });
        return calls;
    }

    static Map<String, Function<HostileRecords, HostileCall>> schedules() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("schedules().create", r -> {
            Hostile<NewSchedule> schedule = r.newSchedule();
            boolean taken = schedule.value() != null && SCHEDULE.equals(schedule.value().id());
            return HostileCall.writing("create(" + schedule + ")", s -> s.schedules().create(schedule.value()),
                    taken ? Outcome.fails(DuplicateKeyException.class) : Outcome.returns("the schedule", Objects::nonNull));
        });
        calls.put("schedules().save", r -> {
            Hostile<NewSchedule> generated = r.newSchedule();
            // Mostly with an id, which save needs, so that most calls reach a backend.
            Hostile<NewSchedule> schedule = generated.value() != null && generated.value().id() == null
                    && r.values().chance(80) ? generated.map(value -> value.withId(r.values().chance(50) ? SCHEDULE : "s2"))
                    : generated;
            return HostileCall.writing("save(" + schedule + ")", s -> s.schedules().save(schedule.value()),
                    Outcome.returns("the schedule", Objects::nonNull));
        });
        calls.put("schedules().update", update(SCHEDULE, HostileRecords::scheduleChanges,
                Hostile.of(ScheduleChanges.none(), "no changes"), (s, id, version, changes) -> s.schedules()
                        .update(id, version, changes)));
        calls.put("schedules().update(any version)", updateAnyVersion(SCHEDULE, HostileRecords::scheduleChanges,
                Hostile.of(ScheduleChanges.none(), "no changes"), (s, id, changes) -> s.schedules().update(id, changes)));
        calls.put("schedules().setLastResult", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(SCHEDULE, "the schedule"));
            Hostile<String> result = plan.argument(1, r.values()::text, Hostile.of("ok", "ok"));
            return HostileCall.writing("setLastResult(" + id + ", " + result + ")",
                    s -> s.schedules().setLastResult(id.value(), result.value()), got(SCHEDULE.equals(id.value())));
        });
        calls.put("schedules().recordRun", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(SCHEDULE, "the schedule"));
            Hostile<Long> version = plan.argument(1, () -> r.values().longValue(1, 1, 2), FIRST_VERSION);
            Hostile<Instant> ranAt = plan.argument(2, r.values()::instant, Hostile.of(TckSupport.T0, "now"));
            Hostile<String> result = plan.argument(3, r.values()::text, Hostile.of("ok", "ok"));
            return HostileCall.writing("recordRun(" + id + ", " + version + ", " + ranAt + ", " + result + ")",
                    s -> s.schedules().recordRun(id.value(), version.value(), ranAt.value(), result.value()),
                    versioned(SCHEDULE.equals(id.value()), version.value()));
        });
        calls.put("schedules().findDue", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<Instant> asOf = plan.argument(0, r.values()::instant, Hostile.of(TckSupport.T0, "now"));
            Hostile<Integer> limit = plan.argument(1, () -> r.values().integer(0, 1, 1000, 1001), Hostile.of(10, "10"));
            return HostileCall.reading("findDue(" + asOf + ", " + limit + ")",
                    s -> s.schedules().findDue(asOf.value(), limit.value()),
                    Outcome.returns("at most the one schedule", due -> ((List<?>) due).size() <= 1));
        });
        HostileCommonCalls.addKeyed(calls, "schedules()", SCHEDULE::equals, (s, id) -> s.schedules().find(id),
                (s, id) -> s.schedules().get(id), (s, id) -> s.schedules().delete(id));
        calls.put("schedules().list", r -> {
            Hostile<PageRequest> page = r.page(null, false);
            return HostileCall.reading("list(" + page + ")", s -> s.schedules().list(page.value()), aPage());
        });
        calls.put("schedules().stream", r -> {
            Hostile<SortOrder> order = r.values().order();
            return HostileCall.reading("stream(" + order + ")", s -> s.schedules().stream(order.value()).count(),
                    Outcome.returns("the one schedule", counted -> (Long) counted == 1));
        });
        return calls;
    }

    static Map<String, Function<HostileRecords, HostileCall>> executions() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("executions().start", r -> {
            Hostile<NewExecution> execution = r.newExecution(EXECUTION, SCHEDULE);
            NewExecution value = execution.value();
            Outcome ifValid;
            if (value != null && value.scheduleId() != null && !SCHEDULE.equals(value.scheduleId())) {
                ifValid = Outcome.fails(NotFoundException.class);
            } else if (value != null && EXECUTION.equals(value.id())) {
                ifValid = Outcome.fails(DuplicateKeyException.class);
            } else {
                ifValid = Outcome.returns("the execution", Objects::nonNull);
            }
            return HostileCall.writing("start(" + execution + ")", s -> s.executions().start(value), ifValid);
        });
        calls.put("executions().updateSteps", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(EXECUTION, "the execution"));
            Hostile<String> steps = plan.argument(1, r::json, Hostile.of("[]", "[]"));
            return HostileCall.writing("updateSteps(" + id + ", " + steps + ")",
                    s -> s.executions().updateSteps(id.value(), steps.value()), got(EXECUTION.equals(id.value())));
        });
        calls.put("executions().finish", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(EXECUTION, "the execution"));
            Hostile<ExecutionOutcome> outcome = plan.argument(1, r::executionOutcome,
                    Hostile.of(ExecutionOutcome.succeeded(), "succeeded"));
            return HostileCall.writing("finish(" + id + ", " + outcome + ")",
                    s -> s.executions().finish(id.value(), outcome.value()), got(EXECUTION.equals(id.value())));
        });
        HostileCommonCalls.addKeyed(calls, "executions()", EXECUTION::equals, (s, id) -> s.executions().find(id),
                (s, id) -> s.executions().get(id), null);
        HostileCommonCalls.addQueried(calls, "executions()", HostileRecords::executionQuery,
                Hostile.of(ExecutionQuery.all(), "all"), null, false, (s, query, page) -> s.executions().list(query, page),
                (s, query, order) -> s.executions().stream(query, order).count(), 1);
        calls.put("executions().deleteStartedBefore", r -> {
            Hostile<Instant> cutoff = r.values().instant();
            return HostileCall.writing("deleteStartedBefore(" + cutoff + ")",
                    s -> s.executions().deleteStartedBefore(cutoff.value()), deletedBefore(cutoff.value()));
        });
        return calls;
    }

    static Map<String, Function<HostileRecords, HostileCall>> history(HostileSeed seed) {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("history().append", r -> {
            Hostile<NewHistoryEvent> event = r.newHistoryEvent();
            return HostileCall.writing("append(" + event + ")", s -> s.history().append(event.value()),
                    Outcome.returns("the event", Objects::nonNull));
        });
        calls.put("history().find", r -> {
            Hostile<Long> id = r.values().longValue(seed.historyEvent(), seed.historyEvent() + 1, 0, -1);
            return HostileCall.reading("find(" + id + ")", s -> s.history().find(id.value()),
                    found(id.value() == seed.historyEvent()));
        });
        HostileCommonCalls.addQueried(calls, "history()", HostileRecords::historyQuery, Hostile.of(HistoryQuery.all(), "all"),
                null, true, (s, query, page) -> s.history().list(query, page),
                (s, query, order) -> s.history().stream(query, order).count(), 1);
        // Positions at the start, or made of nonsense.
        calls.put("history().appendedAfter", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<HistoryPosition> position = plan.argument(0, () -> {
                HistoryPosition value = r.values().oneOf(null, new HistoryPosition(-1, 0), new HistoryPosition(0, -1),
                        new HistoryPosition(Long.MIN_VALUE, Long.MIN_VALUE), HistoryPosition.START,
                        new HistoryPosition(0, 1), new HistoryPosition(1, 0), new HistoryPosition(Long.MAX_VALUE, 0),
                        new HistoryPosition(0, Long.MAX_VALUE), new HistoryPosition(Long.MAX_VALUE, Long.MAX_VALUE));
                return Hostile.of(value, String.valueOf(value));
            }, Hostile.of(HistoryPosition.START, "START"));
            Hostile<Integer> limit = plan.argument(1, () -> r.values().integer(-1, 0, 1, 1000, 1001), Hostile.of(10, "10"));
            return HostileCall.reading("appendedAfter(" + position + ", " + limit + ")",
                    s -> s.history().appendedAfter(position.value(), limit.value()),
                    // Empty allowed: after the seeded event, or on PostgreSQL while another client's transaction
                    // holds the horizon back.
                    Outcome.returns("the seeded event first, or nothing", result -> {
                        List<HistoryEvent> events = ((AppendedEvents) result).events();
                        return events.isEmpty() || events.get(0).id() == seed.historyEvent();
                    }));
        });
        calls.put("history().deleteBefore", r -> {
            Hostile<Instant> cutoff = r.values().instant();
            return HostileCall.writing("deleteBefore(" + cutoff + ")", s -> s.history().deleteBefore(cutoff.value()),
                    deletedBefore(cutoff.value()));
        });
        return calls;
    }

    /** An update of a versioned record: its key, the version expected, and the changes. */
    @FunctionalInterface
    interface UpdateCall<T> {
        Object run(io.opstate.Datastore store, String key, long version, T changes);
    }

    static <T> Function<HostileRecords, HostileCall> update(String existing,
            Function<HostileRecords, Hostile<T>> hostile, Hostile<T> none, UpdateCall<T> call) {
        return update(existing, existing::equals, hostile, none, call);
    }

    /**
     * Like {@link #update(String, Function, Hostile, UpdateCall)} where more than one seeded
     * record (each at version 1) answers to a key: {@code exists} says which keys do.
     */
    static <T> Function<HostileRecords, HostileCall> update(String existing, Predicate<String> exists,
            Function<HostileRecords, Hostile<T>> hostile, Hostile<T> none, UpdateCall<T> call) {
        return r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> key = plan.argument(0, r.values()::name, Hostile.of(existing, "the seeded key"));
            Hostile<Long> version = plan.argument(1, () -> r.values().longValue(1, 1, 2), FIRST_VERSION);
            Hostile<T> changes = plan.argument(2, () -> hostile.apply(r), none);
            return HostileCall.writing("update(" + key + ", " + version + ", " + changes + ")",
                    s -> call.run(s, key.value(), version.value(), changes.value()),
                    versioned(key.value() != null && exists.test(key.value()), version.value()));
        };
    }

    /** An update of a record whatever its version: its key and the changes. */
    @FunctionalInterface
    private interface AnyVersionUpdateCall<T> {
        Object run(io.opstate.Datastore store, String key, T changes);
    }

    /** The changes apply to the seeded record; an unknown key is not found. */
    private static <T> Function<HostileRecords, HostileCall> updateAnyVersion(String existing,
            Function<HostileRecords, Hostile<T>> hostile, Hostile<T> none, AnyVersionUpdateCall<T> call) {
        return r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> key = plan.argument(0, r.values()::name, Hostile.of(existing, "the seeded key"));
            Hostile<T> changes = plan.argument(1, () -> hostile.apply(r), none);
            return HostileCall.writing("update(" + key + ", " + changes + ")",
                    s -> call.run(s, key.value(), changes.value()), got(existing.equals(key.value())));
        };
    }

    /** The seeded record's version is 1: anything else is stale; an unknown key is not found. */
    private static Outcome versioned(boolean exists, long version) {
        if (!exists) {
            return Outcome.fails(NotFoundException.class);
        }
        return version == 1 ? Outcome.returns("the record", Objects::nonNull) : Outcome.fails(StaleVersionException.class);
    }

    private static Outcome found(boolean exists) {
        return Outcome.returns(exists ? "the record" : "empty", found -> ((Optional<?>) found).isPresent() == exists);
    }

    static Outcome got(boolean exists) {
        return exists ? Outcome.returns("the record", Objects::nonNull) : Outcome.fails(NotFoundException.class);
    }

    private static Outcome aPage() {
        return Outcome.returns("a page", page -> page instanceof Page<?>);
    }

    /** The seeded record was stamped at {@link TckSupport#T0}: a cutoff after it, once truncated, removes it. */
    private static Outcome deletedBefore(Instant cutoff) {
        int expected = cutoff != null && Times.truncate(cutoff).isAfter(TckSupport.T0) ? 1 : 0;
        return Outcome.returns(String.valueOf(expected), n -> (Integer) n == expected);
    }
}
