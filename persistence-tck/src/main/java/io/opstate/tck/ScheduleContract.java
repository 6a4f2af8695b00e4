package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.executions.NewExecution;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cron schedules: next-run computation, updates, firing, due lists, deletion. T0 is 2026-03-01 10:15:30 UTC. */
public abstract class ScheduleContract extends TckSupport {
    private static final Instant AT_10_20 = Instant.parse("2026-03-01T10:20:00Z");
    /** Clocks go forward 02:00 EST to 03:00 EDT on 2026-03-08 and back 02:00 EDT to 01:00 EST on 2026-11-01. */
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    @DisplayName("create: enabled, UTC, next run the first cron time after now, version 1")
    void create() {
        Schedule s = schedules().create(NewSchedule.of("every five", "etl", "*/5 * * * *"));
        assertThat(UUID.fromString(s.id()).version()).isEqualTo(7);
        assertThat(s.name()).isEqualTo("every five");
        assertThat(s.pipeline()).isEqualTo("etl");
        assertThat(s.cronExpression()).isEqualTo("*/5 * * * *");
        assertThat(s.timeZone().normalized()).isEqualTo(ZoneOffset.UTC);
        assertThat(s.enabled()).isTrue();
        assertThat(s.nextRunAt()).isEqualTo(AT_10_20);
        assertThat(s.lastRunAt()).isNull();
        assertThat(s.lastResult()).isNull();
        assertThat(s.createdAt()).isEqualTo(T0);
        assertThat(s.updatedAt()).isEqualTo(T0);
        assertThat(s.version()).isEqualTo(1);
        assertThat(schedules().get(s.id())).isEqualTo(s);
        assertThat(schedules().find(s.id())).contains(s);
    }

    @Test
    @DisplayName("create: the expression is read in the schedule's time zone; a null zone means UTC")
    void createInTimeZone() {
        Schedule berlin = schedules().create(NewSchedule.of("n", "p", "0 2 * * *").withId("berlin")
                .withTimeZone(ZoneId.of("Europe/Berlin")));
        assertThat(berlin.id()).isEqualTo("berlin");
        assertThat(berlin.nextRunAt()).isEqualTo(Instant.parse("2026-03-02T01:00:00Z"));
        assertThat(schedules().get("berlin").timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));

        Schedule utc = schedules().create(new NewSchedule(null, "n", "p", "0 2 * * *", null, true));
        assertThat(utc.timeZone().normalized()).isEqualTo(ZoneOffset.UTC);
        assertThat(utc.nextRunAt()).isEqualTo(Instant.parse("2026-03-02T02:00:00Z"));
    }

    @Test
    @DisplayName("create: the next run is strictly after now, even when now is a cron time")
    void nextRunIsStrictlyAfterNow() {
        clock.set(AT_10_20);
        assertThat(schedules().create(NewSchedule.of("n", "p", "*/5 * * * *")).nextRunAt())
                .isEqualTo(Instant.parse("2026-03-01T10:25:00Z"));
    }

    @Test
    @DisplayName("create: a disabled schedule has no next run")
    void createDisabled() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "* * * * *").withEnabled(false));
        assertThat(s.enabled()).isFalse();
        assertThat(s.nextRunAt()).isNull();
        assertThat(schedules().findDue(Instant.parse("9999-01-01T00:00:00Z"), 10)).isEmpty();
    }

    @Test
    @DisplayName("create: a taken id is a DuplicateKeyException")
    void duplicateId() {
        schedules().create(NewSchedule.of("n", "p", "* * * * *").withId("s"));
        DuplicateKeyException e = assertFailsUnchanged(DuplicateKeyException.class,
                () -> schedules().create(NewSchedule.of("m", "q", "* * * * *").withId("s")));
        assertThat(e.entity()).isEqualTo("schedule");
        assertThat(e.id()).isEqualTo("s");
    }

    @Test
    @DisplayName("update of name or pipeline keeps the next run; version + 1, updatedAt now")
    void updateWithoutRecompute() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "*/5 * * * *"));
        Instant later = advance(Duration.ofMinutes(30));
        Schedule u = schedules().update(s.id(), 1, ScheduleChanges.none().withName("renamed").withPipeline("q"));
        assertThat(u.name()).isEqualTo("renamed");
        assertThat(u.pipeline()).isEqualTo("q");
        assertThat(u.cronExpression()).isEqualTo("*/5 * * * *");
        assertThat(u.nextRunAt()).isEqualTo(AT_10_20);
        assertThat(u.version()).isEqualTo(2);
        assertThat(u.updatedAt()).isEqualTo(later);
        assertThat(u.createdAt()).isEqualTo(T0);
        assertThat(schedules().get(s.id())).isEqualTo(u);
    }

    @Test
    @DisplayName("update of expression, zone or enabled recomputes the next run from now")
    void updateRecomputes() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "*/5 * * * *"));
        advance(Duration.ofHours(1));
        Schedule hourly = schedules().update(s.id(), 1, ScheduleChanges.none().withCronExpression("0 * * * *"));
        assertThat(hourly.cronExpression()).isEqualTo("0 * * * *");
        assertThat(hourly.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));

        Schedule daily = schedules().update(s.id(), 2, ScheduleChanges.none().withCronExpression("30 2 * * *")
                .withTimeZone(ZoneId.of("Asia/Kolkata")));
        assertThat(daily.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T21:00:00Z"));
        assertThat(daily.timeZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));

        Schedule off = schedules().update(s.id(), 3, ScheduleChanges.none().withEnabled(false));
        assertThat(off.enabled()).isFalse();
        assertThat(off.nextRunAt()).isNull();

        clock.set(Instant.parse("2026-03-02T00:00:00Z"));
        Schedule on = schedules().update(s.id(), 4, ScheduleChanges.none().withEnabled(true));
        assertThat(on.nextRunAt()).isEqualTo(Instant.parse("2026-03-02T21:00:00Z"));
        assertThat(on.version()).isEqualTo(5);
        assertThat(schedules().get(s.id())).isEqualTo(on);
    }

    @Test
    @DisplayName("update carrying the current expression, zone or enabled flag still recomputes from now")
    void updateWithCurrentValuesRecomputes() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "*/5 * * * *"));
        advance(Duration.ofMinutes(30));
        Schedule enabled = schedules().update(s.id(), 1, ScheduleChanges.none().withEnabled(true));
        assertThat(enabled.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T10:50:00Z"));
        advance(Duration.ofMinutes(30));
        Schedule sameCron = schedules().update(s.id(), 2, ScheduleChanges.none().withCronExpression("*/5 * * * *"));
        assertThat(sameCron.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T11:20:00Z"));
        advance(Duration.ofMinutes(30));
        Schedule sameZone = schedules().update(s.id(), 3, ScheduleChanges.none().withTimeZone(s.timeZone()));
        assertThat(sameZone.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T11:50:00Z"));
        assertThat(schedules().get(s.id())).isEqualTo(sameZone);
    }

    @Test
    @DisplayName("recordRun: last run and result stored, next run the first cron time after ranAt")
    void recordRun() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "*/5 * * * *"));
        Instant later = advance(Duration.ofMinutes(10));
        Schedule ran = schedules().recordRun(s.id(), 1, AT_10_20.plusNanos(1_234_567), "ok: 3 rows");
        assertThat(ran.lastRunAt()).isEqualTo(AT_10_20.plusNanos(1_234_000));
        assertThat(ran.lastResult()).isEqualTo("ok: 3 rows");
        assertThat(ran.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T10:25:00Z"));
        assertThat(ran.version()).isEqualTo(2);
        assertThat(ran.updatedAt()).isEqualTo(later);
        assertThat(schedules().get(s.id())).isEqualTo(ran);

        Schedule exact = schedules().recordRun(s.id(), 2, Instant.parse("2026-03-01T10:25:00Z"), null);
        assertThat(exact.nextRunAt()).as("strictly after ranAt").isEqualTo(Instant.parse("2026-03-01T10:30:00Z"));
        assertThat(exact.lastResult()).isNull();
    }

    @Test
    @DisplayName("recordRun on a disabled schedule records the run and leaves no next run")
    void recordRunDisabled() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withEnabled(false));
        Schedule ran = schedules().recordRun(s.id(), 1, T0, "manual");
        assertThat(ran.lastRunAt()).isEqualTo(T0);
        assertThat(ran.nextRunAt()).isNull();
    }

    @Test
    @DisplayName("findDue: enabled, nextRunAt <= asOf, soonest first then id, at most limit")
    void findDue() {
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("s2"));
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("s1"));
        schedules().create(NewSchedule.of("n", "p", "0 * * * *").withId("s0"));
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("off").withEnabled(false));

        assertThat(schedules().findDue(AT_10_20.minusNanos(1_000), 10)).isEmpty();
        assertThat(schedules().findDue(AT_10_20, 10)).extracting(Schedule::id).containsExactly("s1", "s2");
        assertThat(schedules().findDue(Instant.parse("2026-03-01T11:00:00Z"), 10)).extracting(Schedule::id)
                .containsExactly("s1", "s2", "s0");
        assertThat(schedules().findDue(Instant.parse("2026-03-01T11:00:00Z"), 1)).extracting(Schedule::id)
                .containsExactly("s1");
        assertThat(schedules().findDue(AT_10_20, 10).get(0)).isEqualTo(schedules().get("s1"));

        schedules().recordRun("s1", 1, AT_10_20, "ok");
        assertThat(schedules().findDue(AT_10_20, 10)).extracting(Schedule::id).containsExactly("s2");
    }

    @Test
    @DisplayName("get, update, recordRun of an unknown id: NotFoundException(schedule, id)")
    void unknownId() {
        assertThat(schedules().find("ghost")).isEmpty();
        assertThatThrownBy(() -> schedules().get("ghost")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("schedule");
            assertThat(e.id()).isEqualTo("ghost");
        });
        assertFailsUnchanged(NotFoundException.class,
                () -> schedules().update("ghost", 1, ScheduleChanges.none().withName("x")));
        assertFailsUnchanged(NotFoundException.class, () -> schedules().recordRun("ghost", 1, T0, null));
    }

    @Test
    @DisplayName("cron nicknames: @daily, @hourly, @weekly, @monthly, @yearly and aliases run as their five fields, stored as given")
    void nicknames() {
        assertThat(schedules().create(NewSchedule.of("n", "p", "@daily")).nextRunAt())
                .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(schedules().create(NewSchedule.of("n", "p", "@midnight")).nextRunAt())
                .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(schedules().create(NewSchedule.of("n", "p", "@hourly")).nextRunAt())
                .isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(schedules().create(NewSchedule.of("n", "p", "@weekly")).nextRunAt()).as("Sundays at midnight")
                .isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThat(schedules().create(NewSchedule.of("n", "p", "@monthly")).nextRunAt())
                .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(schedules().create(NewSchedule.of("n", "p", "@annually")).nextRunAt())
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        Schedule yearly = schedules().create(NewSchedule.of("n", "p", " @Yearly ").withTimeZone(NEW_YORK));
        assertThat(yearly.cronExpression()).isEqualTo("@Yearly");
        assertThat(yearly.nextRunAt()).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
        assertThat(schedules().get(yearly.id()).cronExpression()).isEqualTo("@Yearly");

        Schedule hourly = schedules().update(yearly.id(), 1, ScheduleChanges.none().withCronExpression("@hourly"));
        assertThat(hourly.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertRejected("cronExpression", () -> schedules().create(NewSchedule.of("n", "p", "@reboot")));
        assertRejected("cronExpression", () -> schedules().update(yearly.id(), 2,
                ScheduleChanges.none().withCronExpression("@fortnightly")));
    }

    @Test
    @DisplayName("daylight saving: a run skipped when clocks go forward runs once at the change (03:00 local), never skipped")
    void springForwardRunsAtTheChange() {
        Schedule s = schedules().create(NewSchedule.of("n", "p", "30 2 * * *").withTimeZone(NEW_YORK));
        assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-03-02T07:30:00Z"));

        clock.set(Instant.parse("2026-03-07T12:00:00Z"));
        Schedule daily = schedules().update(s.id(), 1, ScheduleChanges.none().withEnabled(true));
        assertThat(daily.nextRunAt()).as("02:30 does not exist on 2026-03-08: 03:00 EDT")
                .isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(schedules().findDue(Instant.parse("2026-03-08T06:59:59Z"), 10)).isEmpty();
        assertThat(schedules().findDue(Instant.parse("2026-03-08T07:00:00Z"), 10)).extracting(Schedule::id)
                .containsExactly(s.id());

        Schedule ran = schedules().recordRun(s.id(), 2, daily.nextRunAt(), "ok");
        assertThat(ran.nextRunAt()).as("02:30 EDT the next day").isEqualTo(Instant.parse("2026-03-09T06:30:00Z"));

        Schedule frequent = schedules().create(NewSchedule.of("n", "p", "*/20 * * * *").withTimeZone(NEW_YORK));
        Schedule beforeGap = schedules().recordRun(frequent.id(), 1, Instant.parse("2026-03-08T06:40:00Z"), "ok");
        assertThat(beforeGap.nextRunAt()).as("01:40 EST, then the skipped hour's runs make one at the change")
                .isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        Schedule atGap = schedules().recordRun(frequent.id(), 2, beforeGap.nextRunAt(), "ok");
        assertThat(atGap.nextRunAt()).isEqualTo(Instant.parse("2026-03-08T07:20:00Z"));
    }

    @Test
    @DisplayName("daylight saving: when clocks go back, a run in the repeated hour fires once, not twice")
    void fallBackRunsTheRepeatedHourOnce() {
        clock.set(Instant.parse("2026-10-31T12:00:00Z"));
        Schedule s = schedules().create(NewSchedule.of("n", "p", "30 1 * * *").withTimeZone(NEW_YORK));
        assertThat(s.nextRunAt()).as("01:30 EDT").isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        Schedule ran = schedules().recordRun(s.id(), 1, s.nextRunAt(), "ok");
        assertThat(ran.nextRunAt()).as("not 01:30 EST an hour later, but the next day")
                .isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));

        clock.set(Instant.parse("2026-11-01T06:10:00Z"));
        Schedule inSecondPass = schedules().update(s.id(), 2, ScheduleChanges.none().withEnabled(true));
        assertThat(inSecondPass.nextRunAt()).as("from 01:10 EST, the repeated 01:30 has run")
                .isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));

        Schedule frequent = schedules().create(NewSchedule.of("n", "p", "*/30 * * * *").withTimeZone(NEW_YORK));
        Schedule lastOfFirstPass = schedules().recordRun(frequent.id(), 1, Instant.parse("2026-11-01T05:30:00Z"), "ok");
        assertThat(lastOfFirstPass.nextRunAt()).as("01:00 and 01:30 EST are repeats: next is 02:00 EST")
                .isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
    }

    @Test
    @DisplayName("list: by createdAt then id, both orders")
    void list() {
        schedules().create(NewSchedule.of("n", "p", "* * * * *").withId("b"));
        schedules().create(NewSchedule.of("n", "p", "* * * * *").withId("a"));
        advance(Duration.ofSeconds(1));
        schedules().create(NewSchedule.of("n", "p", "* * * * *").withId("0"));
        assertThat(schedules().list(PageRequest.first()).items()).extracting(Schedule::id)
                .containsExactly("0", "b", "a");
        assertThat(schedules().list(PageRequest.first().oldestFirst()).items()).extracting(Schedule::id)
                .containsExactly("a", "b", "0");
    }

    @Test
    @DisplayName("delete removes the schedule and its executions only; returns whether it existed")
    void delete() {
        schedules().create(NewSchedule.of("n", "p", "* * * * *").withId("gone"));
        schedules().create(NewSchedule.of("n", "p", "* * * * *").withId("kept"));
        String e1 = executions().start(NewExecution.of("p", "scheduler").withScheduleId("gone")).id();
        String e2 = executions().start(NewExecution.of("p", "scheduler").withScheduleId("gone")).id();
        String e3 = executions().start(NewExecution.of("p", "scheduler").withScheduleId("kept")).id();
        String adHoc = executions().start(NewExecution.of("p", "alice")).id();

        assertThat(schedules().delete("gone")).isTrue();
        assertThat(schedules().find("gone")).isEmpty();
        assertThat(executions().find(e1)).isEmpty();
        assertThat(executions().find(e2)).isEmpty();
        assertThat(executions().find(e3)).isPresent();
        assertThat(executions().find(adHoc)).isPresent();
        assertThat(schedules().delete("gone")).isFalse();
        assertThat(schedules().find("kept")).isPresent();
    }
}
