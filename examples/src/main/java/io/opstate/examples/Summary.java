package io.opstate.examples;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.ExecutionStatus;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.schedules.Schedule;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the quickstart found at the end of its run.
 *
 * @param backend name of the backend that served the store
 * @param batchJobs this run's jobs per status
 * @param storeJobs all report jobs in the store per status, earlier runs included
 * @param failedJobs this run's jobs that failed for good, with where they stopped
 * @param batchExecutions this run's executions per status
 * @param executionPages how many pages it took to read them
 * @param recentHistory the newest history events, newest first
 * @param dueSoon schedules due within the next day, soonest first
 * @param elapsed wall time of the whole run
 */
public record Summary(String backend, Map<JobStatus, Long> batchJobs, Map<JobStatus, Long> storeJobs,
                      List<Job> failedJobs, Map<ExecutionStatus, Long> batchExecutions, int executionPages,
                      List<HistoryEvent> recentHistory, List<Schedule> dueSoon, Duration elapsed) {
    static final int HISTORY_SHOWN = 5;
    static final int EXECUTION_PAGE_SIZE = 10;
    static final Duration DUE_WINDOW = Duration.ofDays(1);

    static Summary collect(Datastore store, Batch batch, Schedule schedule, Instant now, Duration elapsed) {
        Map<ExecutionStatus, Long> executions = new EnumMap<>(ExecutionStatus.class);
        Stream.of(ExecutionStatus.values()).forEach(status -> executions.put(status, 0L));
        // Keyset paging: each page starts after the cursor of the previous one.
        ExecutionQuery query = ExecutionQuery.bySchedule(schedule.id()).startedBetween(batch.start(), null);
        PageRequest request = PageRequest.first(EXECUTION_PAGE_SIZE).oldestFirst();
        int pages = 0;
        Page<Execution> page;
        do {
            page = store.executions().list(query, request);
            pages++;
            page.items().forEach(e -> executions.merge(e.status(), 1L, Long::sum));
            request = request.after(page.nextCursor());
        } while (page.hasMore());

        return new Summary(store.backendName(),
                store.jobs().countByStatus(batch.jobs()),
                store.jobs().countByStatus(JobQuery.all().withTypes(ReportPipeline.JOB_TYPE)),
                store.jobs().list(batch.jobs().withStatuses(JobStatus.FAILED), PageRequest.first(10)).items(),
                executions,
                pages,
                store.history().list(HistoryQuery.all(), PageRequest.first(HISTORY_SHOWN)).items(),
                store.schedules().findDue(now.plus(DUE_WINDOW), 10),
                elapsed);
    }

    public void print(PrintStream out) {
        out.println();
        out.printf("Summary (%s backend)%n", backend);
        out.printf("  jobs of this run:     %s%n", counts(batchJobs, JobStatus::label));
        for (Job job : failedJobs) {
            out.printf("    failed: %s after %d of %d attempts, in stage '%s' at %.0f%% (%d of %d bytes): %s%n",
                    Json.field(job.payload(), "report", job.id()), job.attempts(), job.maxAttempts(), job.stage(),
                    job.progress() == null ? 0.0 : job.progress() * 100, job.bytesDone(), job.bytesTotal(),
                    job.error());
        }
        out.printf("  jobs, all runs:       %s%n", counts(storeJobs, JobStatus::label));
        long executionCount = batchExecutions.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  executions this run:  %d (%s), read in %d pages of %d%n", executionCount,
                counts(batchExecutions, ExecutionStatus::label), executionPages, EXECUTION_PAGE_SIZE);
        out.println("  recent history:");
        for (HistoryEvent event : recentHistory) {
            out.printf("    #%-4d %s  %-24s %s%n", event.id(), event.occurredAt(), event.event(),
                    event.metadata() == null ? "" : event.metadata());
        }
        out.printf("  schedules due within %d h:%n", DUE_WINDOW.toHours());
        for (Schedule s : dueSoon) {
            out.printf("    %s '%s' (%s): next run %s, last run %s -> %s%n", s.name(), s.cronExpression(),
                    zone(s), s.nextRunAt(), s.lastRunAt(), s.lastResult());
        }
        out.printf("  elapsed: %d ms%n", elapsed.toMillis());
    }

    private static String zone(Schedule schedule) {
        return schedule.timeZone().normalized().equals(ZoneOffset.UTC) ? "UTC" : schedule.timeZone().getId();
    }

    private static <S extends Enum<S>> String counts(Map<S, Long> counts, Function<S, String> label) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + label.apply(e.getKey()))
                .collect(Collectors.joining(", "));
    }
}
