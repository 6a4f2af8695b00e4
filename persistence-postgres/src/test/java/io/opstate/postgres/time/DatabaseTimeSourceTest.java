package io.opstate.postgres.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.constructs.Construct;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionOutcome;
import io.opstate.executions.NewExecution;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.core.CronSchedules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the database as time source (the PostgreSQL default) a host whose clock runs an hour
 * ahead neither sees live leases as expired nor stamps its own time: every time comes from the
 * server. With the host as time source the same skew steals the job, which is why DATABASE is
 * the default.
 */
class DatabaseTimeSourceTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Clock AHEAD = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = DATABASE.newSchema();
    }

    private Datastore open(TimeSource source, Clock clock) {
        PersistenceConfig.Builder builder = PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema)
                .clock(clock);
        return Persistence.open((source == null ? builder : builder.timeSource(source)).build());
    }

    @Test
    void skewedHostCannotStealALiveLease() throws SQLException {
        try (Datastore a = open(null, Clock.systemUTC()); Datastore b = open(TimeSource.DATABASE, AHEAD)) {
            a.jobs().create(NewJob.of("t").withId("job"));
            Instant before = serverNow();
            Job claimed = a.jobs().claimNext("a", Set.of("t"), LEASE).orElseThrow();
            Instant after = serverNow();
            assertThat(claimed.startedAt()).isBetween(before, after);
            assertThat(claimed.leaseExpiresAt()).isEqualTo(claimed.startedAt().plus(LEASE));

            assertThat(b.jobs().claimNext("b", Set.of("t"), LEASE)).as("claim by the host an hour ahead").isEmpty();
            assertThat(b.jobs().requeueExpiredLeases()).isZero();
            assertThat(a.jobs().renewLease("job", claimed.fencingToken(), LEASE).leaseExpiresAt())
                    .isBetween(before.plus(LEASE), serverNow().plus(LEASE));

            try (Datastore host = open(TimeSource.HOST, AHEAD)) {
                assertThat(host.jobs().claimNext("host", Set.of("t"), LEASE)).as("the same skew with HOST time")
                        .map(Job::workerId).contains("host");
            }
        }
    }

    @Test
    void everyTimeTheStoreWritesComesFromTheServer() throws SQLException {
        try (Datastore b = open(TimeSource.DATABASE, AHEAD)) {
            Instant before = serverNow();
            Job job = b.jobs().create(NewJob.of("t"));
            Job claimed = b.jobs().claimNext("b", Set.of(), LEASE).orElseThrow();
            Job done = b.jobs().complete(job.id(), claimed.fencingToken(), null);
            Instant historyTime = b.history().append(NewHistoryEvent.of("e").withMetadata("{}")).occurredAt();
            Instant pipelineTime = b.pipelines().create(NewPipeline.of("p", "{}")).createdAt();
            Schedule schedule = b.schedules().create(NewSchedule.of("s", "p", "*/5 * * * *"));
            Execution started = b.executions().start(NewExecution.of("p", "manual"));
            Execution finished = b.executions().finish(started.id(), ExecutionOutcome.succeeded());
            Instant after = serverNow();

            assertThat(after).as("the host clock is an hour ahead of the server").isBefore(AHEAD.instant());
            assertThat(new Instant[] {job.createdAt(), job.updatedAt(), job.notBefore(), claimed.startedAt(),
                    done.finishedAt(), historyTime, pipelineTime, schedule.createdAt(), started.startedAt(),
                    finished.endedAt()}).allSatisfy(time -> assertThat(time).isBetween(before, after));
            assertThat(job.notBefore()).isEqualTo(job.createdAt());
            assertThat(schedule.nextRunAt())
                    .isEqualTo(CronSchedules.nextRun("*/5 * * * *", ZoneOffset.UTC, schedule.createdAt()).orElseThrow());
            assertThat(finished.durationMillis())
                    .isEqualTo(Duration.between(finished.startedAt(), finished.endedAt()).toMillis());
        }
    }

    /** Concurrent appends share statements under group commit; each still gets the server's time. */
    @Test
    void transcriptAppendsSharingACommitTakeTheServersTime() throws Exception {
        try (Datastore b = open(TimeSource.DATABASE, AHEAD)) {
            Construct construct = b.constructs().create(NewConstruct.of("agent", "running"));
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sessions.add(b.sessions().create(NewSession.of(construct.id(), "running")).id());
            }
            Instant before = serverNow();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (String session : sessions) {
                    done.add(threads.submit(() -> {
                        for (int n = 0; n < 25; n++) {
                            b.transcripts().append(session, NewTranscriptEntry.of("user", "turn " + n));
                        }
                        return null;
                    }));
                }
                for (Future<?> each : done) {
                    each.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            Instant after = serverNow();

            for (String session : sessions) {
                List<TranscriptEntry> entries = b.transcripts().read(session, 0, 100);
                assertThat(entries).extracting(TranscriptEntry::sequence)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
                assertThat(entries).extracting(TranscriptEntry::content)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(n -> "turn " + n).toList());
                assertThat(entries).allSatisfy(entry -> assertThat(entry.createdAt()).isBetween(before, after));
            }
        }
    }

    @Test
    void anImportedRunningJobsLeaseEndsAtTheServersTime() throws SQLException {
        try (Datastore b = open(TimeSource.DATABASE, AHEAD)) {
            Instant before = serverNow();
            Instant created = before.minus(Duration.ofDays(1));
            Job imported = b.records().importJobs(List.of(Job.builder("legacy", "t").status(JobStatus.RUNNING)
                    .attempts(1, 3).createdAt(created).startedAt(created).build())).get(0);
            Schedule schedule = b.records().importSchedules(List.of(Schedule.builder("s", "S", "p", "*/5 * * * *")
                    .createdAt(created).build())).get(0);
            Instant after = serverNow();

            assertThat(imported.leaseExpiresAt()).as("not the host's clock, an hour ahead").isBetween(before, after);
            assertThat(schedule.nextRunAt()).isBetween(before, after.plus(Duration.ofMinutes(5)));
            assertThat(b.jobs().claimNext("b", Set.of("t"), LEASE)).map(Job::id).contains("legacy");
        }
    }

    private static Instant serverNow() throws SQLException {
        try (Connection connection = PostgresTestDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT now()")) {
            row.next();
            return row.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
