package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PageRequest;
import io.opstate.PersistenceConfig;
import io.opstate.SortOrder;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionStatus;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code stream} of jobs, history, executions, pipelines and schedules: every matching row once, in the listing's order, across several pages of 1000,
 * read lazily, holding nothing between pages; input checked at the call. The store runs with one
 * pooled connection, so a stream that kept its connection between pages would starve other work.
 */
public abstract class StreamingContract extends TckSupport {
    /** More than two pages of {@link PageRequest#MAX_LIMIT}, the last one partial. */
    private static final int JOBS = 2_100;
    private static final int BATCH = 700;
    /** Reference listings page by this size, unrelated to the stream's page size. */
    private static final int REFERENCE_PAGE = 300;
    private static final Comparator<Job> JOB_ORDER = Comparator.comparing(Job::createdAt).thenComparing(Job::id);

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.poolMaxSize(1).connectionTimeout(Duration.ofSeconds(5));
    }

    /** {@value #JOBS} jobs in batches of {@value #BATCH}, one creation time per batch; types x, y, y, x, y, y... */
    private List<Job> createJobs() {
        List<Job> created = new ArrayList<>();
        for (int start = 0; start < JOBS; start += BATCH) {
            List<NewJob> batch = new ArrayList<>();
            for (int i = start; i < start + BATCH; i++) {
                batch.add(NewJob.of(i % 3 == 0 ? "x" : "y"));
            }
            created.addAll(jobs().createAll(batch));
            advance(Duration.ofMillis(1));
        }
        return created;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static <T> List<T> toList(Stream<T> stream) {
        try (stream) {
            return stream.toList();
        }
    }

    private List<Job> listedJobs(JobQuery query, SortOrder order) {
        return StoreSnapshot.readAll(page -> jobs().list(query, page), new PageRequest(REFERENCE_PAGE, null, order));
    }

    @Test
    @DisplayName("jobs: every job once, in (createdAt, id) order, both orders, the same records as list")
    void jobsInOrder() {
        List<Job> ascending = createJobs().stream().sorted(JOB_ORDER).toList();

        List<Job> oldestFirst = toList(jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST));
        assertThat(oldestFirst).extracting(Job::id).containsExactlyElementsOf(ascending.stream().map(Job::id).toList());
        assertThat(oldestFirst).isEqualTo(listedJobs(JobQuery.all(), SortOrder.OLDEST_FIRST));

        List<Job> newestFirst = toList(jobs().stream(JobQuery.all(), SortOrder.NEWEST_FIRST));
        assertThat(newestFirst).isEqualTo(reversed(oldestFirst));
        assertThat(toList(jobs().stream(null, null))).as("null query and order: every job, newest first")
                .isEqualTo(newestFirst);
    }

    @Test
    @DisplayName("jobs: filters combine as in list, across pages")
    void jobsFiltered() {
        List<Job> created = createJobs();
        Instant second = created.get(BATCH).createdAt();
        List<JobQuery> queries = List.of(
                JobQuery.all().withTypes("y"),
                JobQuery.all().withTypes("x"),
                JobQuery.all().createdBetween(second, null),
                JobQuery.all().withTypes("y").createdBetween(null, second),
                JobQuery.all().withTypes("z"));
        for (JobQuery query : queries) {
            for (SortOrder order : SortOrder.values()) {
                assertThat(toList(jobs().stream(query, order))).as("%s %s", query, order)
                        .isEqualTo(listedJobs(query, order));
            }
        }
        assertThat(jobs().stream(JobQuery.all().withTypes("y"), SortOrder.OLDEST_FIRST).count()).isEqualTo(1_400);
    }

    @Test
    @DisplayName("nothing is read at the call; a partly consumed stream sees rows added after its position")
    void lazy() {
        Stream<Job> stream = jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST);
        Job created = jobs().create(NewJob.of("t"));
        assertThat(toList(stream)).containsExactly(created);

        createJobs();
        Iterator<Job> partly = jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST).iterator();
        partly.next();
        advance(Duration.ofSeconds(1));
        Job later = jobs().create(NewJob.of("t"));
        Job last = null;
        while (partly.hasNext()) {
            last = partly.next();
        }
        assertThat(last).isEqualTo(later);
    }

    @Test
    @DisplayName("not a snapshot, but rows present throughout appear exactly once, in order; other work runs between pages")
    void changesWhileStreaming() throws Exception {
        List<Job> ascending = createJobs().stream().sorted(JOB_ORDER).toList();
        Iterator<Job> iterator = jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST).iterator();
        List<Job> seen = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            seen.add(iterator.next());
        }

        Set<String> deleted = new HashSet<>();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> {
                for (int i : List.of(10, 999, 1_000, 1_499, 1_500, 1_501, 2_000, 2_099)) {
                    String id = ascending.get(i).id();
                    assertThat(jobs().delete(id)).isTrue();
                    deleted.add(id);
                }
                jobs().create(NewJob.of("new"));
                advance(Duration.ofSeconds(1));
                jobs().create(NewJob.of("new"));
                history().append(NewHistoryEvent.of("while streaming"));
                return jobs().countByStatus(JobQuery.all());
            }).get(30, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        iterator.forEachRemaining(seen::add);

        assertThat(seen).extracting(Job::id).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(JOB_ORDER);
        assertThat(seen).extracting(Job::id).containsAll(ascending.stream().map(Job::id)
                .filter(id -> !deleted.contains(id)).toList());
    }

    @Test
    @DisplayName("history: every event once, by (occurredAt, sequence number) numerically, with filters")
    void historyEvents() {
        List<HistoryEvent> appended = store.inTransaction(tx -> {
            List<HistoryEvent> events = new ArrayList<>();
            for (int i = 0; i < 1_100; i++) {
                events.add(tx.history().append(
                        NewHistoryEvent.of(i % 2 == 0 ? "even" : "odd").withSubjectId(i % 5 == 0 ? "five" : null)));
            }
            return events;
        });
        advance(Duration.ofSeconds(1));
        HistoryEvent later = history().append(NewHistoryEvent.of("odd").withSubjectId("five"));
        List<Long> ascending = new ArrayList<>(appended.stream().map(HistoryEvent::id).toList());
        ascending.add(later.id());

        assertThat(toList(history().stream(HistoryQuery.all(), SortOrder.OLDEST_FIRST)))
                .extracting(HistoryEvent::id).containsExactlyElementsOf(ascending);
        assertThat(toList(history().stream(null, null))).extracting(HistoryEvent::id)
                .containsExactlyElementsOf(reversed(ascending));
        for (HistoryQuery query : List.of(HistoryQuery.all().withEvent("odd"), HistoryQuery.bySubject("five"),
                HistoryQuery.all().withEvent("even").between(null, later.occurredAt()))) {
            for (SortOrder order : SortOrder.values()) {
                assertThat(toList(history().stream(query, order))).as("%s %s", query, order).isEqualTo(
                        StoreSnapshot.readAll(page -> history().list(query, page), new PageRequest(REFERENCE_PAGE, null, order)));
            }
        }
        assertThat(history().stream(HistoryQuery.all().withEvent("odd"), SortOrder.NEWEST_FIRST).count()).isEqualTo(551);
    }

    @Test
    @DisplayName("executions: every execution once, by (startedAt, id), with filters")
    void executionsByStart() {
        store.useTransaction(tx -> {
            for (int i = 0; i < 1_100; i++) {
                Execution started = tx.executions().start(NewExecution.of(i % 2 == 0 ? "p" : "q", "test"));
                if (i % 10 == 0) {
                    tx.executions().finish(started.id(), ExecutionOutcome.succeeded());
                }
            }
        });
        for (ExecutionQuery query : List.of(ExecutionQuery.all(), ExecutionQuery.byPipeline("q"),
                ExecutionQuery.all().withStatus(ExecutionStatus.SUCCEEDED))) {
            for (SortOrder order : SortOrder.values()) {
                assertThat(toList(executions().stream(query, order))).as("%s %s", query, order).isEqualTo(
                        StoreSnapshot.readAll(page -> executions().list(query, page), new PageRequest(REFERENCE_PAGE, null, order)));
            }
        }
        List<String> ascending = toList(executions().stream(ExecutionQuery.all(), SortOrder.OLDEST_FIRST)).stream()
                .map(Execution::id).toList();
        assertThat(ascending).hasSize(1_100).isSorted().doesNotHaveDuplicates();
        assertThat(executions().stream(ExecutionQuery.all().withStatus(ExecutionStatus.SUCCEEDED), null).count()).isEqualTo(110);
    }

    @Test
    @DisplayName("pipelines and schedules: every record once, by (createdAt, key), both orders, the same records as list")
    void pipelinesAndSchedules() {
        int count = 1_100;
        store.useTransaction(tx -> {
            for (int i = 0; i < count; i++) {
                tx.pipelines().create(NewPipeline.of(String.format("p%04d", (i * 7) % count), "{}"));
                tx.schedules().create(NewSchedule.of("n", "p", "0 * * * *"));
            }
        });
        advance(Duration.ofSeconds(1));
        pipelines().create(NewPipeline.of("a-later", "{}"));
        Schedule later = schedules().create(NewSchedule.of("n", "p", "0 * * * *").withId("0-later"));

        List<Pipeline> oldestPipelines = toList(pipelines().stream(SortOrder.OLDEST_FIRST));
        assertThat(oldestPipelines).hasSize(count + 1).extracting(Pipeline::name).doesNotHaveDuplicates()
                .endsWith("a-later");
        assertThat(oldestPipelines.subList(0, count)).extracting(Pipeline::name).isSorted();
        for (SortOrder order : SortOrder.values()) {
            assertThat(toList(pipelines().stream(order))).as("%s", order).isEqualTo(StoreSnapshot.readAll(page -> pipelines().list(page),
                            new PageRequest(REFERENCE_PAGE, null, order)));
            assertThat(toList(schedules().stream(order))).as("%s", order).isEqualTo(
                    StoreSnapshot.readAll(page -> schedules().list(page), new PageRequest(REFERENCE_PAGE, null, order)));
        }
        assertThat(toList(pipelines().stream(null))).extracting(Pipeline::name).as("null order: newest first")
                .isEqualTo(reversed(oldestPipelines.stream().map(Pipeline::name).toList()));
        List<Schedule> newestSchedules = toList(schedules().stream(null));
        assertThat(newestSchedules).hasSize(count + 1).startsWith(later).extracting(Schedule::id).doesNotHaveDuplicates();
        assertThat(newestSchedules.subList(1, count + 1)).extracting(Schedule::id).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(schedules().stream(SortOrder.OLDEST_FIRST).limit(3).count()).isEqualTo(3);
    }

    @Test
    @DisplayName("pipelines and schedules: nothing is read at the call; other work runs between pages")
    void pipelinesAndSchedulesLazily() {
        Stream<Pipeline> pipelineStream = pipelines().stream(SortOrder.OLDEST_FIRST);
        Stream<Schedule> scheduleStream = schedules().stream(SortOrder.OLDEST_FIRST);
        pipelines().create(NewPipeline.of("p", "{}"));
        Schedule created = schedules().create(NewSchedule.of("n", "p", "0 * * * *"));
        assertThat(toList(pipelineStream)).extracting(Pipeline::name).containsExactly("p");
        assertThat(toList(scheduleStream)).containsExactly(created);
    }

    @Test
    @DisplayName("inside a transaction a stream reads its pages in it, seeing the work's own writes")
    void insideTransaction() {
        jobs().create(NewJob.of("before"));
        long seen = store.inTransaction(tx -> {
            tx.jobs().createAll(List.of(NewJob.of("inside"), NewJob.of("inside")));
            try (Stream<Job> stream = tx.jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST)) {
                return stream.count();
            }
        });
        assertThat(seen).isEqualTo(3);
    }

    @Test
    @DisplayName("a bad query is refused at the call, before any pull, naming the field, like list")
    void invalidInput() {
        Instant year10000 = Instant.parse("+10000-01-01T00:00:00Z");
        assertRejected("types", () -> jobs().stream(JobQuery.all().withTypes(" "), SortOrder.OLDEST_FIRST));
        assertRejected("createdFrom", () -> jobs().stream(JobQuery.all().createdBetween(year10000, null), null));
        assertRejected("subjectId", () -> history().stream(HistoryQuery.bySubject(""), SortOrder.NEWEST_FIRST));
        assertRejected("before", () -> history().stream(HistoryQuery.all().between(null, year10000), null));
        assertRejected("pipeline", () -> executions().stream(ExecutionQuery.byPipeline("a\u0000b"), null));
        assertRejected("startedFrom", () -> executions().stream(ExecutionQuery.all().startedBetween(year10000, null),
                SortOrder.OLDEST_FIRST));
    }
}
