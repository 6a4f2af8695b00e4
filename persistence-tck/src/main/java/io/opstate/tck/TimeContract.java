package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PageRequest;
import io.opstate.core.CronSchedules;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instants survive a round trip exactly, at microsecond precision, across the whole supported
 * range (year 1 to 9999, before and after the epoch); finer digits are truncated, never rounded.
 */
public abstract class TimeContract extends TckSupport {
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final Instant YEAR_ONE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant JUST_BEFORE_EPOCH = Instant.parse("1969-12-31T23:59:59.999999Z");

    @Test
    @DisplayName("times stamped from the clock are truncated to microseconds (not rounded)")
    void clockTimesAreTruncated() {
        clock.set(Instant.parse("2026-03-01T10:15:30.999999999Z"));
        Job job = jobs().create(NewJob.of("t"));
        Instant expected = Instant.parse("2026-03-01T10:15:30.999999Z");
        assertThat(job.createdAt()).isEqualTo(expected);
        assertThat(jobs().get(job.id()).createdAt()).isEqualTo(expected);
        assertThat(jobs().get(job.id()).updatedAt()).isEqualTo(expected);
        assertThat(pipelines().create(NewPipeline.of("p", "{}")).createdAt()).isEqualTo(expected);
        assertThat(history().append(NewHistoryEvent.of("e")).occurredAt()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "notBefore {0}")
    @ValueSource(strings = {"9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
            "1970-01-01T00:00:00.000001Z", "2000-02-29T12:00:00.5Z", "1900-01-01T00:00:00.000007Z"})
    @DisplayName("notBefore round trips exactly through create, get and list")
    void notBeforeRoundTrip(String text) {
        Instant instant = Instant.parse(text);
        Job job = jobs().create(NewJob.of("t").withNotBefore(instant));
        assertThat(job.notBefore()).isEqualTo(instant);
        assertThat(jobs().get(job.id()).notBefore()).isEqualTo(instant);
        assertThat(jobs().list(JobQuery.all(), PageRequest.first()).items().get(0).notBefore()).isEqualTo(instant);
    }

    @Test
    @DisplayName("sub-microsecond digits of a given instant are truncated, also before the epoch")
    void givenInstantsAreTruncated() {
        assertThat(jobs().create(NewJob.of("t").withNotBefore(Instant.parse("2026-05-05T05:05:05.123456999Z")))
                .notBefore()).isEqualTo(Instant.parse("2026-05-05T05:05:05.123456Z"));
        Instant preEpoch = Instant.parse("1969-12-31T23:59:59.999999999Z");
        Job job = jobs().create(NewJob.of("t").withNotBefore(preEpoch));
        assertThat(jobs().get(job.id()).notBefore()).isEqualTo(JUST_BEFORE_EPOCH);
    }

    @Test
    @DisplayName("a job due in year 9999 is not claimed; one due in year 1 is")
    void extremeNotBeforeAndClaims() {
        jobs().create(NewJob.of("t").withId("future").withNotBefore(FAR_FUTURE));
        jobs().create(NewJob.of("t").withId("ancient").withNotBefore(YEAR_ONE));
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).map(Job::id).contains("ancient");
        assertThat(jobs().claimNext("w", Set.of(), LEASE)).isEmpty();
    }

    @Test
    @DisplayName("retryAt round trips exactly into notBefore, far future and before the epoch")
    void retryAtRoundTrip() {
        for (Instant retryAt : List.of(FAR_FUTURE, JUST_BEFORE_EPOCH, YEAR_ONE)) {
            String type = "retry-" + retryAt;
            Job claimed = createAndClaim(type, "w");
            Job requeued = jobs().fail(claimed.id(), claimed.fencingToken(), JobFailure.of("again").retryAt(retryAt));
            assertThat(requeued.notBefore()).isEqualTo(retryAt);
            assertThat(jobs().get(claimed.id()).notBefore()).isEqualTo(retryAt);
            assertThat(jobs().claimNext("w", Set.of(type), LEASE).isPresent())
                    .as("claimable now when retryAt %s is in the past", retryAt).isEqualTo(retryAt.isBefore(T0));
        }
    }

    @Test
    @DisplayName("ranAt round trips exactly into lastRunAt; the next run is computed from it")
    void ranAtRoundTrip() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "0 * * * *"));
        Schedule early = schedules().recordRun(s.id(), 1, JUST_BEFORE_EPOCH, "pre-epoch");
        assertThat(early.lastRunAt()).isEqualTo(JUST_BEFORE_EPOCH);
        assertThat(early.nextRunAt()).isEqualTo(Instant.EPOCH);
        assertThat(schedules().get(s.id()).lastRunAt()).isEqualTo(JUST_BEFORE_EPOCH);

        Schedule ancient = schedules().recordRun(s.id(), 2, YEAR_ONE, "year one");
        assertThat(schedules().get(s.id()).lastRunAt()).isEqualTo(YEAR_ONE);
        assertThat(ancient.nextRunAt())
                .isEqualTo(CronSchedules.nextRun("0 * * * *", ZoneOffset.UTC, YEAR_ONE).orElse(null));

        Schedule last = schedules().recordRun(s.id(), 3, FAR_FUTURE, "the end");
        assertThat(last.lastRunAt()).isEqualTo(FAR_FUTURE);
        assertThat(last.nextRunAt()).as("no cron time after the supported range").isNull();
        assertThat(schedules().get(s.id())).isEqualTo(last);
        assertThat(schedules().findDue(FAR_FUTURE, 10)).isEmpty();
    }

    @Test
    @DisplayName("the clock at the ends of the range: far future and before the epoch round trip exactly")
    void clockAtExtremes() {
        clock.set(Instant.parse("9999-12-31T23:59:59.999999999Z"));
        HistoryEvent late = history().append(NewHistoryEvent.of("late"));
        assertThat(late.occurredAt()).isEqualTo(FAR_FUTURE);
        assertThat(history().find(late.id()).orElseThrow().occurredAt()).isEqualTo(FAR_FUTURE);

        clock.set(Instant.parse("1969-07-20T20:17:40.000001Z"));
        Job job = jobs().create(NewJob.of("apollo"));
        assertThat(jobs().get(job.id()).createdAt()).isEqualTo(Instant.parse("1969-07-20T20:17:40.000001Z"));
        HistoryEvent early = history().append(NewHistoryEvent.of("early"));
        assertThat(history().list(HistoryQuery.all(), PageRequest.first().oldestFirst()).items())
                .extracting(HistoryEvent::id).containsExactly(early.id(), late.id());
    }

    @Test
    @DisplayName("time zones round trip as given")
    void timeZonesRoundTrip() {
        for (String zone : List.of("Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham")) {
            Schedule s = schedules().create(NewSchedule.of(zone, "p", "0 9 * * 1-5").withTimeZone(ZoneId.of(zone)));
            assertThat(schedules().get(s.id()).timeZone()).isEqualTo(ZoneId.of(zone));
            assertThat(s.nextRunAt()).isEqualTo(
                    CronSchedules.nextRun("0 9 * * 1-5", ZoneId.of(zone), T0).orElseThrow());
        }
    }

    @Test
    @DisplayName("window filters compare instants exactly at microsecond precision")
    void filtersAtMicrosecondPrecision() {
        Job job = jobs().create(NewJob.of("t"));
        assertThat(jobs().list(JobQuery.all().createdBetween(T0, T0.plusNanos(1_000)), PageRequest.first())
                .items()).extracting(Job::id).containsExactly(job.id());
        assertThat(jobs().list(JobQuery.all().createdBetween(T0.plusNanos(1_000), null), PageRequest.first())
                .items()).isEmpty();
        assertThat(jobs().list(JobQuery.all().createdBetween(null, T0), PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("instants outside year 1..9999 are rejected naming the parameter; the exact ends are accepted")
    void outOfRangeInstantsRejected() {
        Instant yearZero = YEAR_ONE.minusNanos(1_000);
        Instant year10000 = FAR_FUTURE.plusNanos(1_000);
        assertRejected("notBefore", () -> jobs().create(NewJob.of("t").withNotBefore(yearZero)));
        assertRejected("notBefore", () -> jobs().create(NewJob.of("t").withNotBefore(year10000)));
        assertRejected("notBefore", () -> jobs().create(NewJob.of("t").withNotBefore(Instant.MAX)));
        Job claimed = createAndClaim("t", "w");
        assertRejected("retryAt", () -> jobs().fail(claimed.id(), claimed.fencingToken(),
                JobFailure.of("x").retryAt(Instant.MIN)));
        Schedule s = schedules().create(NewSchedule.of("n", "p", "0 * * * *"));
        assertRejected("ranAt", () -> schedules().recordRun(s.id(), 1, year10000, null));
        assertRejected("ranAt", () -> schedules().recordRun(s.id(), 1, yearZero, null));
        assertThat(jobs().create(NewJob.of("t").withNotBefore(YEAR_ONE)).notBefore()).isEqualTo(YEAR_ONE);
        assertThat(schedules().recordRun(s.id(), 1, FAR_FUTURE, null).lastRunAt()).isEqualTo(FAR_FUTURE);
    }
}
