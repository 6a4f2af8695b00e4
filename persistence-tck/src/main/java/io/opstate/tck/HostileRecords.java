package io.opstate.tck;

import io.opstate.PageRequest;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.ConstructQuery;
import io.opstate.constructs.NewConstruct;
import io.opstate.constructs.TimelineKind;
import io.opstate.constructs.TimelineQuery;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.jobs.OnDuplicateKey;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.ScheduleChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Generators of the records and queries handed to repositories. Each record starts valid; then
 * either one field, chosen at random, or (a quarter of the time) every field is given a hostile
 * value, so that many calls fail on exactly one field and some pass validation altogether.
 * Queries are built through their public builders. Not thread-safe.
 */
final class HostileRecords {
    private final HostileValues values;
    private final HostileFormats formats;
    private final int maxPayload;

    HostileRecords(HostileValues values, int maxPayload) {
        this.values = values;
        this.formats = new HostileFormats(values);
        this.maxPayload = maxPayload;
    }

    HostileValues values() {
        return values;
    }

    HostileFormats formats() {
        return formats;
    }

    Hostile<String> json() {
        return formats.json(maxPayload);
    }

    /**
     * Which fields of one record, or arguments of one call, get hostile values: one chosen at
     * random, or (a quarter of the time) every one; the others keep a valid value.
     */
    final class Plan {
        private final int focus;
        private final boolean every;
        private final StringJoiner label = new StringJoiner(", ");

        private Plan(int fields) {
            focus = values.random().nextInt(fields);
            every = values.chance(25);
        }

        /** Field {@code index}: hostile when planned so, else {@code valid}. */
        <T> T field(int index, String name, Supplier<Hostile<T>> hostile, T valid) {
            if (!every && index != focus) {
                return valid;
            }
            Hostile<T> value = hostile.get();
            label.add(name + "=" + value.label());
            return value.value();
        }

        /** Argument {@code index}: hostile when planned so, else {@code valid}, labelled as such. */
        <T> Hostile<T> argument(int index, Supplier<Hostile<T>> hostile, Hostile<T> valid) {
            return every || index == focus ? hostile.get() : valid;
        }

        String label() {
            return label.toString();
        }
    }

    /** A plan for a call of {@code arguments} arguments. */
    Plan arguments(int arguments) {
        return new Plan(arguments);
    }

    Hostile<NewJob> newJob() {
        if (values.chance(3)) {
            return Hostile.of(null, "null job");
        }
        Plan plan = new Plan(10);
        NewJob job = new NewJob(
                plan.field(0, "id", values::name, null),
                plan.field(1, "type", values::name, "t"),
                plan.field(2, "payload", this::json, "{}"),
                plan.field(3, "priority", () -> values.integer(-1001, -1000, 1000, 1001), 0),
                plan.field(4, "maxAttempts", () -> values.integer(0, 1, 1000, 1001), 3),
                plan.field(5, "notBefore", values::instant, null),
                plan.field(6, "stage", values::name, null),
                plan.field(7, "message", values::text, null),
                plan.field(8, "dedupKey", values::name, null),
                plan.field(9, "onDuplicate", () -> values.choice(OnDuplicateKey.class), OnDuplicateKey.FAIL));
        return Hostile.of(job, "job(" + plan.label() + ")");
    }

    Hostile<List<NewJob>> newJobs() {
        if (values.chance(5)) {
            return Hostile.of(null, "null list");
        }
        List<NewJob> jobs = new ArrayList<>();
        StringJoiner label = new StringJoiner("; ", "[", "]");
        int count = values.random().nextInt(4);
        for (int i = 0; i < count; i++) {
            Hostile<NewJob> job = values.chance(70) ? Hostile.of(NewJob.of("t"), "valid job") : newJob();
            jobs.add(job.value());
            label.add(job.label());
        }
        return Hostile.of(jobs, label.toString());
    }

    Hostile<JobProgress> progress() {
        if (values.chance(5)) {
            return Hostile.of(null, "null progress");
        }
        Plan plan = new Plan(5);
        JobProgress progress = new JobProgress(
                plan.field(0, "stage", values::name, null),
                plan.field(1, "progress", values::fraction, 0.5),
                plan.field(2, "bytesDone", values::count, null),
                plan.field(3, "bytesTotal", values::count, null),
                plan.field(4, "message", values::text, null));
        return Hostile.of(progress, "progress(" + plan.label() + ")");
    }

    Hostile<JobFailure> failure() {
        if (values.chance(5)) {
            return Hostile.of(null, "null failure");
        }
        Plan plan = new Plan(3);
        JobFailure failure = new JobFailure(
                plan.field(0, "error", values::text, "boom"),
                plan.field(1, "detail", () -> values.chance(50) ? values.text() : json(), null),
                plan.field(2, "retryAt", values::instant, null));
        return Hostile.of(failure, "failure(" + plan.label() + ")");
    }

    /** A job query built through the public builders, hostile arguments included. */
    Hostile<JobQuery> jobQuery() {
        if (values.chance(10)) {
            return Hostile.of(null, "null query");
        }
        StringJoiner label = new StringJoiner(".", "JobQuery.all().", "");
        JobQuery query = JobQuery.all();
        if (values.chance(50)) {
            String[] types = values.names().map(set -> set == null ? null : set.toArray(String[]::new)).value();
            query = query.withTypes(types);
            label.add("withTypes(" + (types == null ? "null" : types.length + " types") + ")");
        }
        if (values.chance(50)) {
            Hostile<JobStatus[]> statuses = values.choices(JobStatus.class);
            query = query.withStatuses(statuses.value());
            label.add("withStatuses(" + statuses.label() + ")");
        }
        if (values.chance(50)) {
            Hostile<java.time.Instant> from = values.instant();
            Hostile<java.time.Instant> before = values.instant();
            query = query.createdBetween(from.value(), before.value());
            label.add("createdBetween(" + from.label() + ", " + before.label() + ")");
        }
        if (values.chance(20)) {
            Hostile<java.util.Set<String>> types = values.names();
            query = new JobQuery(types.value(), null, null, null);
            return Hostile.of(query, "new JobQuery(" + types.label() + ", null, null, null)");
        }
        return Hostile.of(query, label.toString());
    }

    Hostile<ExecutionQuery> executionQuery() {
        if (values.chance(10)) {
            return Hostile.of(null, "null query");
        }
        Plan plan = new Plan(5);
        ExecutionQuery query = ExecutionQuery.all()
                .withScheduleId(plan.field(0, "scheduleId", values::name, null))
                .withPipeline(plan.field(1, "pipeline", values::name, null))
                .withStatus(plan.field(2, "status", () -> values.choice(ExecutionStatus.class), null))
                .startedBetween(plan.field(3, "startedFrom", values::instant, null),
                        plan.field(4, "startedBefore", values::instant, null));
        return Hostile.of(query, "ExecutionQuery(" + plan.label() + ")");
    }

    Hostile<HistoryQuery> historyQuery() {
        if (values.chance(10)) {
            return Hostile.of(null, "null query");
        }
        Plan plan = new Plan(4);
        HistoryQuery query = HistoryQuery.all()
                .withSubjectId(plan.field(0, "subjectId", values::name, null))
                .withEvent(plan.field(1, "event", values::name, null))
                .between(plan.field(2, "from", values::instant, null), plan.field(3, "before", values::instant, null));
        return Hostile.of(query, "HistoryQuery(" + plan.label() + ")");
    }

    /** A page request built through the public factory and builders, or the record's constructor. */
    Hostile<PageRequest> page(String realCursor, boolean numericKey) {
        if (values.chance(5)) {
            return Hostile.of(null, "null page");
        }
        Plan plan = new Plan(3);
        Hostile<Integer> limit = plan.argument(0, () -> values.integer(0, 1, 1000, 1001, -1),
                Hostile.of(values.oneOf(1, 50, 1000), "valid limit"));
        Hostile<String> cursor = plan.argument(1, () -> formats.cursor(realCursor, numericKey),
                Hostile.of(values.chance(50) ? realCursor : null, "a real cursor or none"));
        Hostile<io.opstate.SortOrder> order = plan.argument(2, values::order,
                Hostile.of(io.opstate.SortOrder.OLDEST_FIRST, "oldest first"));
        if (values.chance(50)) {
            PageRequest first = PageRequest.first(limit.value());
            PageRequest page = order.value() == io.opstate.SortOrder.OLDEST_FIRST
                    ? first.oldestFirst().after(cursor.value()) : first.after(cursor.value());
            return Hostile.of(page, "PageRequest.first(" + limit.label() + ")" + (order.value()
                    == io.opstate.SortOrder.OLDEST_FIRST ? ".oldestFirst()" : "") + ".after(" + cursor.label() + ")");
        }
        return Hostile.of(new PageRequest(limit.value(), cursor.value(), order.value()),
                "new PageRequest(" + limit.label() + ", " + cursor.label() + ", " + order.label() + ")");
    }

    Hostile<NewPipeline> newPipeline() {
        if (values.chance(3)) {
            return Hostile.of(null, "null pipeline");
        }
        Plan plan = new Plan(3);
        NewPipeline pipeline = new NewPipeline(
                plan.field(0, "name", values::name, "p-" + values.word(6)),
                plan.field(1, "description", values::text, null),
                plan.field(2, "config", this::json, "{}"));
        return Hostile.of(pipeline, "pipeline(" + plan.label() + ")");
    }

    Hostile<PipelineChanges> pipelineChanges() {
        if (values.chance(5)) {
            return Hostile.of(null, "null changes");
        }
        Plan plan = new Plan(2);
        PipelineChanges changes = new PipelineChanges(plan.field(0, "description", values::text, null),
                plan.field(1, "config", this::json, null), values.chance(20));
        return Hostile.of(changes, "changes(" + plan.label() + ")");
    }

    Hostile<NewSchedule> newSchedule() {
        if (values.chance(3)) {
            return Hostile.of(null, "null schedule");
        }
        Plan plan = new Plan(5);
        NewSchedule schedule = new NewSchedule(
                plan.field(0, "id", values::name, null),
                plan.field(1, "name", values::name, "n"),
                plan.field(2, "pipeline", values::name, "etl"),
                plan.field(3, "cronExpression", formats::cron, "0 * * * *"),
                plan.field(4, "timeZone", values::zone, null),
                values.chance(50));
        return Hostile.of(schedule, "schedule(" + plan.label() + ")");
    }

    Hostile<ScheduleChanges> scheduleChanges() {
        if (values.chance(5)) {
            return Hostile.of(null, "null changes");
        }
        Plan plan = new Plan(4);
        ScheduleChanges changes = new ScheduleChanges(
                plan.field(0, "name", values::name, null),
                plan.field(1, "pipeline", values::name, null),
                plan.field(2, "cronExpression", formats::cron, null),
                plan.field(3, "timeZone", values::zone, null),
                values.chance(30) ? null : values.chance(50));
        return Hostile.of(changes, "changes(" + plan.label() + ")");
    }

    /**
     * A new execution. Never both a taken id and an unknown schedule: which of the two a store
     * reports first is not part of the contract.
     */
    Hostile<NewExecution> newExecution(String takenId, String schedule) {
        if (values.chance(3)) {
            return Hostile.of(null, "null execution");
        }
        Plan plan = new Plan(7);
        String id = plan.field(0, "id", values::name, null);
        String scheduleId = plan.field(1, "scheduleId", values::name, null);
        if (takenId.equals(id) && scheduleId != null && !scheduleId.equals(schedule)) {
            scheduleId = schedule;
        }
        NewExecution execution = new NewExecution(id, scheduleId,
                plan.field(2, "jobId", values::name, null),
                plan.field(3, "pipeline", values::name, "etl"),
                plan.field(4, "triggeredBy", values::name, "alice"),
                plan.field(5, "context", this::json, null),
                plan.field(6, "steps", this::json, null));
        return Hostile.of(execution, "execution(" + plan.label() + ")");
    }

    Hostile<ExecutionOutcome> executionOutcome() {
        if (values.chance(5)) {
            return Hostile.of(null, "null outcome");
        }
        Plan plan = new Plan(4);
        ExecutionOutcome outcome = new ExecutionOutcome(
                plan.field(0, "status", () -> values.choice(ExecutionStatus.class), ExecutionStatus.SUCCEEDED),
                plan.field(1, "error", values::text, null),
                plan.field(2, "steps", this::json, null),
                plan.field(3, "context", this::json, null));
        return Hostile.of(outcome, "outcome(" + plan.label() + ")");
    }

    Hostile<NewHistoryEvent> newHistoryEvent() {
        if (values.chance(3)) {
            return Hostile.of(null, "null event");
        }
        Plan plan = new Plan(3);
        NewHistoryEvent event = new NewHistoryEvent(
                plan.field(0, "event", values::name, "e"),
                plan.field(1, "subjectId", values::name, null),
                plan.field(2, "metadata", this::json, null));
        return Hostile.of(event, "event(" + plan.label() + ")");
    }

    /** JSON meant to be an object: half the time any JSON {@link #json()} makes, else that JSON inside an object. */
    Hostile<String> jsonObject() {
        Hostile<String> json = json();
        if (json.value() == null || values.chance(50)) {
            return json;
        }
        return Hostile.of("{\"f\": " + json.value() + "}", "{\"f\": " + json.label() + "}");
    }

    /** A construct's title: around its length limit, or any text. */
    Hostile<String> title() {
        if (values.chance(30)) {
            int length = values.oneOf(999, 1000, 1001);
            return Hostile.of(values.chance(50) ? "x".repeat(length) : "😀".repeat(length), length + " code points");
        }
        return values.text();
    }

    Hostile<NewConstruct> newConstruct() {
        if (values.chance(3)) {
            return Hostile.of(null, "null construct");
        }
        Plan plan = new Plan(5);
        NewConstruct construct = new NewConstruct(
                plan.field(0, "id", values::name, null),
                plan.field(1, "type", values::name, "plan"),
                plan.field(2, "status", values::name, "draft"),
                plan.field(3, "title", this::title, null),
                plan.field(4, "metadata", this::jsonObject, null));
        return Hostile.of(construct, "construct(" + plan.label() + ")");
    }

    Hostile<ConstructChanges> constructChanges() {
        if (values.chance(5)) {
            return Hostile.of(null, "null changes");
        }
        Plan plan = new Plan(3);
        ConstructChanges changes = new ConstructChanges(plan.field(0, "status", values::name, null),
                plan.field(1, "title", this::title, null), plan.field(2, "metadata", this::jsonObject, null),
                values.chance(20), values.chance(20));
        return Hostile.of(changes, "changes(" + plan.label() + ")");
    }

    /** A construct query built through the public builders, hostile arguments included. */
    Hostile<ConstructQuery> constructQuery() {
        if (values.chance(10)) {
            return Hostile.of(null, "null query");
        }
        Plan plan = new Plan(5);
        Set<String> types = plan.field(0, "types", values::names, null);
        Set<String> statuses = plan.field(1, "statuses", values::names, null);
        ConstructQuery query = ConstructQuery.all()
                .withTypes(types == null ? null : types.toArray(String[]::new))
                .withStatuses(statuses == null ? null : statuses.toArray(String[]::new))
                .createdBetween(plan.field(2, "createdFrom", values::instant, null),
                        plan.field(3, "createdBefore", values::instant, null))
                .withMetadata(plan.field(4, "metadata", this::jsonObject, null));
        return Hostile.of(query, "ConstructQuery(" + plan.label() + ")");
    }

    /** A timeline query built through the public builders, hostile arguments included. */
    Hostile<TimelineQuery> timelineQuery() {
        if (values.chance(10)) {
            return Hostile.of(null, "null query");
        }
        Plan plan = new Plan(3);
        TimelineQuery query = TimelineQuery.all()
                .between(plan.field(0, "from", values::instant, null), plan.field(1, "before", values::instant, null))
                .withKinds(plan.field(2, "kinds", () -> values.choices(TimelineKind.class), null));
        return Hostile.of(query, "TimelineQuery(" + plan.label() + ")");
    }
}
