package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.executions.NewExecution;
import io.opstate.pipelines.NewPipeline;
import io.opstate.pipelines.Pipeline;
import io.opstate.pipelines.PipelineChanges;
import io.opstate.schedules.NewSchedule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pipeline definitions, keyed by name. */
public abstract class PipelineContract extends TckSupport {

    @Test
    @DisplayName("create: stored under its name at version 1, stamped now")
    void create() {
        Pipeline created = pipelines().create(NewPipeline.of("nightly", "{\"steps\": [\"a\", \"b\"], \"on\": true}")
                .withDescription("rebuild indexes"));
        assertThat(created.name()).isEqualTo("nightly");
        assertThat(created.description()).isEqualTo("rebuild indexes");
        assertJsonEquals("{\"on\":true,\"steps\":[\"a\",\"b\"]}", created.config());
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.updatedAt()).isEqualTo(T0);
        assertThat(created.version()).isEqualTo(1);

        Pipeline read = pipelines().get("nightly");
        assertThat(read).usingRecursiveComparison().ignoringFields("config").isEqualTo(created);
        assertJsonEquals(created.config(), read.config());
        assertThat(pipelines().find("nightly")).contains(read);
    }

    @Test
    @DisplayName("create: a null description is kept null; any JSON value is a valid config")
    void createMinimal() {
        Pipeline p = pipelines().create(NewPipeline.of("p", "[]"));
        assertThat(p.description()).isNull();
        assertJsonEquals("[]", pipelines().get("p").config());
        assertJsonEquals("\"text\"", pipelines().create(NewPipeline.of("q", "\"text\"")).config());
    }

    @Test
    @DisplayName("create: a taken name is a DuplicateKeyException; the existing pipeline is untouched")
    void duplicateName() {
        Pipeline first = pipelines().create(NewPipeline.of("p", "{}").withDescription("one"));
        DuplicateKeyException e = assertFailsUnchanged(DuplicateKeyException.class,
                () -> pipelines().create(NewPipeline.of("p", "{}").withDescription("two")));
        assertThat(e.entity()).isEqualTo("pipeline");
        assertThat(e.id()).isEqualTo("p");
        assertThat(pipelines().get("p").description()).isEqualTo(first.description());
    }

    @Test
    @DisplayName("update: replaces description and config, version + 1, updatedAt now, createdAt kept")
    void update() {
        pipelines().create(NewPipeline.of("p", "{\"v\":1}").withDescription("old"));
        Instant later = advance(Duration.ofMinutes(5));
        Pipeline updated = pipelines().update("p", 1,
                PipelineChanges.none().withDescription("new").withConfig("{\"v\":2}"));

        assertThat(updated.description()).isEqualTo("new");
        assertJsonEquals("{\"v\":2}", updated.config());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertJsonEquals("{\"v\":2}", pipelines().get("p").config());
        assertThat(pipelines().get("p").version()).isEqualTo(2);
    }

    @Test
    @DisplayName("update: a null change keeps the current value; no changes at all still count as a change")
    void updateKeepsWhatIsNotChanged() {
        pipelines().create(NewPipeline.of("p", "{\"v\":1}").withDescription("old"));

        Pipeline newConfig = pipelines().update("p", 1, PipelineChanges.none().withConfig("[2]"));
        assertThat(newConfig.description()).isEqualTo("old");
        assertJsonEquals("[2]", newConfig.config());

        Pipeline newDescription = pipelines().update("p", 2, PipelineChanges.none().withDescription(""));
        assertThat(newDescription.description()).isEmpty();
        assertJsonEquals("[2]", newDescription.config());

        Instant later = advance(Duration.ofMinutes(1));
        Pipeline unchanged = pipelines().update("p", 3, PipelineChanges.none());
        assertThat(unchanged.description()).isEmpty();
        assertJsonEquals("[2]", unchanged.config());
        assertThat(unchanged.version()).isEqualTo(4);
        assertThat(unchanged.updatedAt()).isEqualTo(later);
        Pipeline read = pipelines().get("p");
        assertThat(read).usingRecursiveComparison().ignoringFields("config").isEqualTo(unchanged);
        assertJsonEquals("[2]", read.config());
    }

    @Test
    @DisplayName("update of a pipeline without description keeps it null unless the changes set one")
    void updateKeepsNullDescription() {
        pipelines().create(NewPipeline.of("p", "{}"));
        assertThat(pipelines().update("p", 1, PipelineChanges.none().withConfig("[]")).description()).isNull();
        assertThat(pipelines().get("p").description()).isNull();
        assertThat(pipelines().update("p", 2, PipelineChanges.none().withDescription("now described")).description())
                .isEqualTo("now described");
    }

    @Test
    @DisplayName("get, update of an unknown name: NotFoundException(pipeline, name); find is empty")
    void unknownName() {
        assertThat(pipelines().find("ghost")).isEmpty();
        assertThatThrownBy(() -> pipelines().get("ghost")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("pipeline");
            assertThat(e.id()).isEqualTo("ghost");
        });
        assertFailsUnchanged(NotFoundException.class,
                () -> pipelines().update("ghost", 1, PipelineChanges.none().withConfig("{}")));
    }

    @Test
    @DisplayName("list: by createdAt then name, newest first by default")
    void list() {
        pipelines().create(NewPipeline.of("b", "{}"));
        pipelines().create(NewPipeline.of("a", "{}"));
        advance(Duration.ofSeconds(1));
        pipelines().create(NewPipeline.of("0-later", "{}"));

        assertThat(pipelines().list(PageRequest.first()).items()).extracting(Pipeline::name)
                .containsExactly("0-later", "b", "a");
        assertThat(pipelines().list(PageRequest.first().oldestFirst()).items()).extracting(Pipeline::name)
                .containsExactly("a", "b", "0-later");
        assertThat(pipelines().list(PageRequest.first()).nextCursor()).isNull();
    }

    @Test
    @DisplayName("delete: returns whether it existed; schedules and executions naming it are kept")
    void delete() {
        pipelines().create(NewPipeline.of("p", "{}"));
        String scheduleId = schedules().create(NewSchedule.of("nightly", "p", "0 2 * * *")).id();
        String executionId = executions().start(NewExecution.of("p", "alice")).id();

        assertThat(pipelines().delete("p")).isTrue();
        assertThat(pipelines().find("p")).isEmpty();
        assertThat(pipelines().delete("p")).isFalse();
        assertThat(schedules().find(scheduleId)).isPresent();
        assertThat(executions().find(executionId)).isPresent();
        pipelines().create(NewPipeline.of("p", "{\"again\":true}"));
        assertThat(pipelines().get("p").version()).isEqualTo(1);
    }
}
