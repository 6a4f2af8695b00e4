package io.opstate.core.archives;

import io.opstate.Datastore;
import io.opstate.SortOrder;
import io.opstate.archives.ExportSelection;
import io.opstate.core.Ids;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionQuery;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import io.opstate.imports.RecordKind;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The entities of pipelines, schedules, jobs, executions and history: written through
 * {@link io.opstate.imports.RecordImport}, which keeps them as they were, and replaced in place
 * where deleting a record would delete others with it. They travel only in an export of the
 * whole store.
 */
final class OperationalEntities {
    private OperationalEntities() {
    }

    static <T> void drain(Stream<T> records, Consumer<T> sink) {
        try (records) {
            records.forEach(sink);
        }
    }

    /** A copy's name: the archive's, with a suffix that no other copy shares. */
    static String copyName(String name) {
        return name + "-copy-" + Ids.newId().substring(0, 8) + Ids.newId().substring(24);
    }

    abstract static class WholeStoreEntity<T extends Record> extends ArchiveEntity<T> {
        WholeStoreEntity(String name, Class<T> type) {
            super(name, type);
        }

        @Override
        boolean chosenBy(ExportSelection selection) {
            return selection.wholeStoreChosen();
        }
    }

    static final class Pipelines extends WholeStoreEntity<Pipeline> {
        Pipelines() {
            super("pipelines", Pipeline.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<Pipeline> sink) {
            drain(store.pipelines().stream(SortOrder.OLDEST_FIRST), sink);
        }

        @Override
        String key(Pipeline record) {
            return record.name();
        }

        @Override
        Held<Pipeline> held(Datastore store, List<Pipeline> records) {
            return heldByVersion(store, RecordKind.PIPELINE, records, (archived, version) -> archived.version() > version);
        }

        @Override
        Pipeline copied(Pipeline record, KeyMap keys) {
            String fresh = copyName(record.name());
            keys.put(name(), record.name(), fresh);
            return with(record, "name", fresh);
        }

        @Override
        void insert(Datastore store, List<Pipeline> batch) {
            store.records().importPipelines(batch);
        }

        @Override
        void overwrite(Datastore store, List<Pipeline> batch) {
            batch.forEach(pipeline -> store.pipelines().delete(pipeline.name()));
            insert(store, batch);
        }
    }

    static final class Schedules extends WholeStoreEntity<Schedule> {
        Schedules() {
            super("schedules", Schedule.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<Schedule> sink) {
            drain(store.schedules().stream(SortOrder.OLDEST_FIRST), sink);
        }

        @Override
        String key(Schedule record) {
            return record.id();
        }

        @Override
        Held<Schedule> held(Datastore store, List<Schedule> records) {
            return heldByVersion(store, RecordKind.SCHEDULE, records, (archived, version) -> archived.version() > version);
        }

        @Override
        Schedule copied(Schedule record, KeyMap keys) {
            String fresh = Ids.newId();
            keys.put(name(), record.id(), fresh);
            return with(record, "id", fresh);
        }

        @Override
        Schedule referencesRewritten(Schedule record, KeyMap keys) {
            return with(record, "pipeline", keys.get("pipelines", record.pipeline()));
        }

        @Override
        void insert(Datastore store, List<Schedule> batch) {
            store.records().importSchedules(batch);
        }

        /** Replaced in place: deleting a schedule would delete its executions. */
        @Override
        void overwrite(Datastore store, List<Schedule> batch) {
            store.records().replaceSchedules(batch);
        }
    }

    static final class Jobs extends WholeStoreEntity<Job> {
        Jobs() {
            super("jobs", Job.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<Job> sink) {
            drain(store.jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST), sink);
        }

        @Override
        String key(Job record) {
            return record.id();
        }

        @Override
        Held<Job> held(Datastore store, List<Job> records) {
            return heldByVersion(store, RecordKind.JOB, records, (archived, version) -> archived.version() > version);
        }

        /**
         * A copy is a second job: no claim of the original's is its claim (fencing token 0), and an
         * unfinished copy does not hold the original's dedup key.
         */
        @Override
        Job copied(Job record, KeyMap keys) {
            String fresh = Ids.newId();
            keys.put(name(), record.id(), fresh);
            return with(record, "id", fresh).toBuilder().fencingToken(0)
                    .dedupKey(record.status().isTerminal() ? record.dedupKey() : null).build();
        }

        @Override
        void insert(Datastore store, List<Job> batch) {
            store.records().importJobs(batch);
        }

        @Override
        void overwrite(Datastore store, List<Job> batch) {
            batch.forEach(job -> store.jobs().delete(job.id()));
            insert(store, batch);
        }
    }

    static final class Executions extends WholeStoreEntity<Execution> {
        Executions() {
            super("executions", Execution.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<Execution> sink) {
            drain(store.executions().stream(ExecutionQuery.all(), SortOrder.OLDEST_FIRST), sink);
        }

        @Override
        String key(Execution record) {
            return record.id();
        }

        @Override
        Held<Execution> held(Datastore store, List<Execution> records) {
            return heldByVersion(store, RecordKind.EXECUTION, records, (archived, version) -> archived.version() > version);
        }

        @Override
        Execution copied(Execution record, KeyMap keys) {
            String fresh = Ids.newId();
            keys.put(name(), record.id(), fresh);
            return with(record, "id", fresh);
        }

        @Override
        Execution referencesRewritten(Execution record, KeyMap keys) {
            return with(record, "pipeline", keys.get("pipelines", record.pipeline())).toBuilder()
                    .scheduleId(keys.get("schedules", record.scheduleId()))
                    .jobId(keys.get("jobs", record.jobId()))
                    .build();
        }

        @Override
        void insert(Datastore store, List<Execution> batch) {
            store.records().importExecutions(batch);
        }

        /** Replaced in place: the store offers no way to remove one execution. */
        @Override
        void overwrite(Datastore store, List<Execution> batch) {
            store.records().replaceExecutions(batch);
        }
    }

    /** History events never change, so the same id is the same event: never newer. */
    static final class History extends WholeStoreEntity<HistoryEvent> {
        History() {
            super("history", HistoryEvent.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<HistoryEvent> sink) {
            drain(store.history().stream(HistoryQuery.all(), SortOrder.OLDEST_FIRST), sink);
        }

        @Override
        String key(HistoryEvent record) {
            return Long.toString(record.id());
        }

        @Override
        Held<HistoryEvent> held(Datastore store, List<HistoryEvent> records) {
            return heldByVersion(store, RecordKind.HISTORY_EVENT, records, (archived, version) -> false);
        }

        /** Id 0 asks the store for the next number of its sequence. */
        @Override
        HistoryEvent copied(HistoryEvent record, KeyMap keys) {
            return record.toBuilder().id(0).build();
        }

        @Override
        void insert(Datastore store, List<HistoryEvent> batch) {
            store.records().importHistory(batch);
        }

        @Override
        void overwrite(Datastore store, List<HistoryEvent> batch) {
            throw new IllegalStateException("history events are never newer");
        }
    }
}
