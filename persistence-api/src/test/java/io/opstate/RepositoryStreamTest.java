package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.HistoryRepository;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobRepository;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleRepository;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The default {@code stream} methods walk their own repository's {@code list}, lazily. */
class RepositoryStreamTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    /** A repository whose only implemented method is {@code list}, which serves {@code pages} in turn and records its arguments. */
    private static <R> R listing(Class<R> type, List<List<Object>> calls, List<Page<?>> pages) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (!method.getName().equals("list")) {
                throw new UnsupportedOperationException(method.getName());
            }
            calls.add(List.of(args));
            return pages.get(calls.size() - 1);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static HistoryEvent event(long id) {
        return new HistoryEvent(id, "e", null, null, T);
    }

    @Test
    @DisplayName("history: the query and order reach list unchanged; pages follow the cursor; reads stop with the stream")
    void history() {
        List<List<Object>> calls = new ArrayList<>();
        List<HistoryEvent> first = IntStream.range(0, 1000).mapToObj(RepositoryStreamTest::event).toList();
        HistoryRepository repository = listing(HistoryRepository.class, calls,
                List.of(new Page<>(first, "c1"), new Page<>(List.of(event(1000)), null)));
        HistoryQuery query = HistoryQuery.bySubject("s");

        assertThat(repository.stream(query, SortOrder.OLDEST_FIRST).findFirst()).contains(event(0));
        assertThat(calls).containsExactly(List.of(query, new PageRequest(1000, null, SortOrder.OLDEST_FIRST)));

        calls.clear();
        assertThat(repository.stream(query, SortOrder.OLDEST_FIRST).mapToLong(HistoryEvent::id).toArray())
                .hasSize(1001).endsWith(999L, 1000L);
        assertThat(calls).containsExactly(
                List.of(query, new PageRequest(1000, null, SortOrder.OLDEST_FIRST)),
                List.of(query, new PageRequest(1000, "c1", SortOrder.OLDEST_FIRST)));
    }

    @Test
    @DisplayName("jobs and executions stream their list the same way")
    void jobsAndExecutions() {
        List<List<Object>> jobCalls = new ArrayList<>();
        JobRepository jobs = listing(JobRepository.class, jobCalls, List.of(new Page<>(List.of(), null)));
        JobQuery jobQuery = JobQuery.all().withTypes("t");
        assertThat(jobs.stream(jobQuery, SortOrder.NEWEST_FIRST)).isEmpty();
        assertThat(jobCalls).containsExactly(List.of(jobQuery, new PageRequest(1000, null, SortOrder.NEWEST_FIRST)));

        List<List<Object>> executionCalls = new ArrayList<>();
        ExecutionRepository executions = listing(ExecutionRepository.class, executionCalls,
                List.of(new Page<Execution>(List.of(), null)));
        ExecutionQuery executionQuery = ExecutionQuery.byPipeline("p");
        var stream = executions.stream(executionQuery, SortOrder.OLDEST_FIRST);
        assertThat(executionCalls).as("nothing read before the terminal operation").isEmpty();
        assertThat(stream.count()).isZero();
        assertThat(executionCalls).containsExactly(
                List.of(executionQuery, new PageRequest(1000, null, SortOrder.OLDEST_FIRST)));
    }

    @Test
    @DisplayName("pipelines and schedules stream their list by order alone, the same way")
    void pipelinesAndSchedules() {
        List<List<Object>> pipelineCalls = new ArrayList<>();
        PipelineRepository pipelines = listing(PipelineRepository.class, pipelineCalls,
                List.of(new Page<Pipeline>(List.of(), "c1"), new Page<Pipeline>(List.of(), null)));
        var stream = pipelines.stream(SortOrder.OLDEST_FIRST);
        assertThat(pipelineCalls).as("nothing read before the terminal operation").isEmpty();
        assertThat(stream.count()).isZero();
        assertThat(pipelineCalls).containsExactly(List.of(new PageRequest(1000, null, SortOrder.OLDEST_FIRST)),
                List.of(new PageRequest(1000, "c1", SortOrder.OLDEST_FIRST)));

        List<List<Object>> scheduleCalls = new ArrayList<>();
        ScheduleRepository schedules = listing(ScheduleRepository.class, scheduleCalls,
                List.of(new Page<Schedule>(List.of(), null)));
        assertThat(schedules.stream(null)).isEmpty();
        assertThat(scheduleCalls).containsExactly(List.of(new PageRequest(1000, null, null)));
    }
}
