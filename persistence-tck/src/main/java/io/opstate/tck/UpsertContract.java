package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.NotFoundException;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.Schedule;
import io.opstate.schedules.ScheduleChanges;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Saving without reading the version first: {@code save} (create or replace) of pipelines by name
 * and schedules by id, updates without an expected version, removing a pipeline's description,
 * and a schedule's {@code setLastResult}. Concurrent calls on one record all succeed, one after
 * the other, and none is lost. T0 is 2026-03-01 10:15:30 UTC.
 */
public abstract class UpsertContract extends TckSupport {
    private static final Instant AT_10_20 = Instant.parse("2026-03-01T10:20:00Z");
    private static final int SAVES_PER_THREAD = 5;

    @Test
    @DisplayName("pipelines().save of a new name creates it at version 1, as create does")
    void savePipelineCreates() {
        Pipeline saved = pipelines().save(NewPipeline.of("p", "{\"v\":1}").withDescription("first"));
        assertThat(saved.name()).isEqualTo("p");
        assertThat(saved.description()).isEqualTo("first");
        assertJsonEquals("{\"v\":1}", saved.config());
        assertThat(saved.createdAt()).isEqualTo(T0);
        assertThat(saved.updatedAt()).isEqualTo(T0);
        assertThat(saved.version()).isEqualTo(1);
        assertThat(pipelines().get("p")).usingRecursiveComparison().ignoringFields("config").isEqualTo(saved);
    }

    @Test
    @DisplayName("pipelines().save of a taken name replaces the definition whole: version + 1, updatedAt now, createdAt kept")
    void savePipelineReplaces() {
        pipelines().create(NewPipeline.of("p", "{\"v\":1}").withDescription("first"));
        pipelines().update("p", 1, PipelineChanges.none().withConfig("{\"v\":2}"));
        Instant later = advance(Duration.ofMinutes(5));

        Pipeline saved = pipelines().save(NewPipeline.of("p", "[3]"));
        assertThat(saved.description()).as("a null description removes it").isNull();
        assertJsonEquals("[3]", saved.config());
        assertThat(saved.version()).isEqualTo(3);
        assertThat(saved.createdAt()).isEqualTo(T0);
        assertThat(saved.updatedAt()).isEqualTo(later);
        Pipeline read = pipelines().get("p");
        assertThat(read).usingRecursiveComparison().ignoringFields("config").isEqualTo(saved);
        assertJsonEquals("[3]", read.config());

        assertThat(pipelines().save(NewPipeline.of("p", "[3]").withDescription("again")).version()).isEqualTo(4);
        assertThat(pipelines().get("p").description()).isEqualTo("again");
    }

    @Test
    @DisplayName("pipelines().update without a version applies the changes at any version; an unknown name is not found")
    void updatePipelineAtAnyVersion() {
        pipelines().create(NewPipeline.of("p", "{\"v\":1}").withDescription("old"));
        pipelines().update("p", 1, PipelineChanges.none().withDescription("newer"));
        Instant later = advance(Duration.ofMinutes(1));

        Pipeline updated = pipelines().update("p", PipelineChanges.none().withConfig("[2]"));
        assertThat(updated.description()).as("a null change keeps the value").isEqualTo("newer");
        assertJsonEquals("[2]", updated.config());
        assertThat(updated.version()).isEqualTo(3);
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(pipelines().update("p", PipelineChanges.none()).version()).isEqualTo(4);

        NotFoundException e = assertFailsUnchanged(NotFoundException.class,
                () -> pipelines().update("ghost", PipelineChanges.none().withConfig("[]")));
        assertThat(e.entity()).isEqualTo("pipeline");
        assertThat(e.id()).isEqualTo("ghost");
    }

    @Test
    @DisplayName("PipelineChanges.withoutDescription removes the description, with or without a version; other fields apply")
    void removeDescription() {
        pipelines().create(NewPipeline.of("p", "{}").withDescription("old"));
        Pipeline removed = pipelines().update("p", 1, PipelineChanges.none().withoutDescription().withConfig("[1]"));
        assertThat(removed.description()).isNull();
        assertJsonEquals("[1]", removed.config());
        assertThat(pipelines().get("p").description()).isNull();

        pipelines().update("p", 2, PipelineChanges.none().withDescription("back"));
        assertThat(pipelines().update("p", PipelineChanges.none().withoutDescription()).description()).isNull();
        assertThat(pipelines().get("p").description()).isNull();
        assertThat(pipelines().update("p", PipelineChanges.none().withoutDescription().withDescription("last word"))
                .description()).as("a later withDescription wins").isEqualTo("last word");

        assertRejected("description", () -> pipelines().update("p", new PipelineChanges("both", null, true)));
        assertRejected("description", () -> pipelines().update("p", 5, new PipelineChanges("both", null, true)));
    }

    @Test
    @DisplayName("concurrent saves and unversioned updates of one pipeline all succeed, one after the other")
    void concurrentPipelineSaves() throws Exception {
        pipelines().create(NewPipeline.of("p", "[0]"));
        AtomicInteger calls = new AtomicInteger();
        List<List<Long>> versions = onAllThreads(() -> LongStream.range(0, SAVES_PER_THREAD).mapToObj(i -> {
            int call = calls.incrementAndGet();
            return call % 2 == 0
                    ? pipelines().save(NewPipeline.of("p", "[" + call + "]")).version()
                    : pipelines().update("p", PipelineChanges.none().withDescription("d" + call)).version();
        }).toList());
        List<Long> made = versions.stream().flatMap(List::stream).toList();
        assertThat(made).hasSize(THREADS * SAVES_PER_THREAD).doesNotHaveDuplicates();
        assertThat(pipelines().get("p").version()).isEqualTo(1 + THREADS * SAVES_PER_THREAD);
    }

    @Test
    @DisplayName("schedules().save of a new id creates it as create does; a null id is refused naming id")
    void saveScheduleCreates() {
        Schedule saved = schedules().save(NewSchedule.of("every five", "etl", "*/5 * * * *").withId("s"));
        assertThat(saved.id()).isEqualTo("s");
        assertThat(saved.name()).isEqualTo("every five");
        assertThat(saved.nextRunAt()).isEqualTo(AT_10_20);
        assertThat(saved.lastRunAt()).isNull();
        assertThat(saved.createdAt()).isEqualTo(T0);
        assertThat(saved.version()).isEqualTo(1);
        assertThat(schedules().get("s")).isEqualTo(saved);

        assertRejected("id", () -> schedules().save(NewSchedule.of("n", "p", "* * * * *")));
        assertRejected("cronExpression", () -> schedules().save(NewSchedule.of("n", "p", "nope").withId("s")));
    }

    @Test
    @DisplayName("schedules().save of the same timing keeps the next run and the last run; name and pipeline replaced")
    void saveScheduleKeepsTiming() {
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("s").withTimeZone(ZoneId.of("Europe/Berlin")));
        schedules().recordRun("s", 1, T0, "ok");
        Instant later = advance(Duration.ofMinutes(30));

        Schedule saved = schedules().save(NewSchedule.of("renamed", "q", "*/5 * * * *").withId("s")
                .withTimeZone(ZoneId.of("Europe/Berlin")));
        assertThat(saved.name()).isEqualTo("renamed");
        assertThat(saved.pipeline()).isEqualTo("q");
        assertThat(saved.nextRunAt()).as("still due, not moved past now").isEqualTo(AT_10_20);
        assertThat(saved.lastRunAt()).isEqualTo(T0);
        assertThat(saved.lastResult()).isEqualTo("ok");
        assertThat(saved.createdAt()).isEqualTo(T0);
        assertThat(saved.updatedAt()).isEqualTo(later);
        assertThat(saved.version()).isEqualTo(3);
        assertThat(schedules().get("s")).isEqualTo(saved);
    }

    @Test
    @DisplayName("schedules().save of another expression, zone or enabled flag recomputes the next run from now")
    void saveScheduleRecomputes() {
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("s"));
        advance(Duration.ofHours(1));

        Schedule hourly = schedules().save(NewSchedule.of("n", "p", "0 * * * *").withId("s"));
        assertThat(hourly.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        Schedule kolkata = schedules().save(NewSchedule.of("n", "p", "0 * * * *").withId("s")
                .withTimeZone(ZoneId.of("Asia/Kolkata")));
        assertThat(kolkata.nextRunAt()).as("whole hours of +05:30").isEqualTo(Instant.parse("2026-03-01T11:30:00Z"));
        Schedule off = schedules().save(NewSchedule.of("n", "p", "0 * * * *").withId("s")
                .withTimeZone(ZoneId.of("Asia/Kolkata")).withEnabled(false));
        assertThat(off.nextRunAt()).isNull();
        assertThat(off.enabled()).isFalse();
        advance(Duration.ofHours(1));
        Schedule on = schedules().save(NewSchedule.of("n", "p", "0 * * * *").withId("s")
                .withTimeZone(ZoneId.of("Asia/Kolkata")));
        assertThat(on.nextRunAt()).isEqualTo(Instant.parse("2026-03-01T12:30:00Z"));
        assertThat(on.version()).isEqualTo(5);
        assertThat(schedules().get("s")).isEqualTo(on);
    }

    @Test
    @DisplayName("schedules().update without a version applies the changes at any version; an unknown id is not found")
    void updateScheduleAtAnyVersion() {
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("s"));
        schedules().recordRun("s", 1, AT_10_20, "ok");
        Instant later = advance(Duration.ofHours(1));

        Schedule renamed = schedules().update("s", ScheduleChanges.none().withName("renamed"));
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.nextRunAt()).as("kept").isEqualTo(Instant.parse("2026-03-01T10:25:00Z"));
        assertThat(renamed.version()).isEqualTo(3);
        assertThat(renamed.updatedAt()).isEqualTo(later);
        Schedule hourly = schedules().update("s", ScheduleChanges.none().withCronExpression("0 * * * *"));
        assertThat(hourly.nextRunAt()).as("recomputed from now").isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(hourly.lastRunAt()).isEqualTo(AT_10_20);
        assertThat(schedules().get("s")).isEqualTo(hourly);

        NotFoundException e = assertFailsUnchanged(NotFoundException.class,
                () -> schedules().update("ghost", ScheduleChanges.none().withName("x")));
        assertThat(e.entity()).isEqualTo("schedule");
        assertThat(e.id()).isEqualTo("ghost");
    }

    @Test
    @DisplayName("concurrent unversioned updates and saves of one schedule all succeed, one after the other, none lost")
    void concurrentScheduleUpdates() throws Exception {
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("s"));
        AtomicInteger calls = new AtomicInteger();
        List<List<Long>> versions = onAllThreads(() -> LongStream.range(0, SAVES_PER_THREAD).mapToObj(i -> {
            int call = calls.incrementAndGet();
            return switch (call % 3) {
                case 0 -> schedules().update("s", ScheduleChanges.none().withName("n" + call)).version();
                case 1 -> schedules().update("s", ScheduleChanges.none().withTimeZone(ZoneId.of("Europe/Berlin")))
                        .version();
                default -> schedules().save(NewSchedule.of("n" + call, "p", "*/5 * * * *").withId("s")
                        .withTimeZone(ZoneId.of("Europe/Berlin"))).version();
            };
        }).toList());
        List<Long> made = versions.stream().flatMap(List::stream).toList();
        assertThat(made).hasSize(THREADS * SAVES_PER_THREAD).doesNotHaveDuplicates();
        assertThat(schedules().get("s").version()).isEqualTo(1 + THREADS * SAVES_PER_THREAD);
    }

    @Test
    @DisplayName("setLastResult sets the outcome only: last and next run kept, version + 1, updatedAt now; null clears")
    void setLastResult() {
        schedules().create(NewSchedule.of("n", "p", "*/5 * * * *").withId("s"));
        Schedule ran = schedules().recordRun("s", 1, AT_10_20, "started");
        Instant later = advance(Duration.ofMinutes(3));

        Schedule finished = schedules().setLastResult("s", "succeeded: 3 rows");
        assertThat(finished.lastResult()).isEqualTo("succeeded: 3 rows");
        assertThat(finished.lastRunAt()).isEqualTo(AT_10_20);
        assertThat(finished.nextRunAt()).isEqualTo(ran.nextRunAt());
        assertThat(finished.version()).isEqualTo(3);
        assertThat(finished.updatedAt()).isEqualTo(later);
        assertThat(finished.createdAt()).isEqualTo(T0);
        assertThat(schedules().get("s")).isEqualTo(finished);
        assertThat(schedules().findDue(Instant.parse("2026-03-01T10:25:00Z"), 10)).extracting(Schedule::id)
                .containsExactly("s");

        assertThat(schedules().setLastResult("s", null).lastResult()).isNull();
        assertThat(schedules().get("s").lastRunAt()).isEqualTo(AT_10_20);

        NotFoundException e = assertFailsUnchanged(NotFoundException.class, () -> schedules().setLastResult("ghost", "x"));
        assertThat(e.entity()).isEqualTo("schedule");
        assertRejected("result", () -> schedules().setLastResult("s", "x\u0000"));
    }
}
