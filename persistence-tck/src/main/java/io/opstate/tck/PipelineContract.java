package io.opstate.tck;

import static io.opstate.tck.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.PageRequest;
import io.opstate.executions.NewExecution;
import io.opstate.pipelines.Pipeline;
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
        Pipeline created = pipelines().create("nightly", "rebuild indexes", "{\"steps\": [\"a\", \"b\"], \"on\": true}");
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
        Pipeline p = pipelines().create("p", null, "[]");
        assertThat(p.description()).isNull();
        assertJsonEquals("[]", pipelines().get("p").config());
        assertJsonEquals("\"text\"", pipelines().create("q", null, "\"text\"").config());
    }

    @Test
    @DisplayName("create: a taken name is a DuplicateKeyException; the existing pipeline is untouched")
    void duplicateName() {
        Pipeline first = pipelines().create("p", "one", "{}");
        DuplicateKeyException e = assertFailsUnchanged(DuplicateKeyException.class,
                () -> pipelines().create("p", "two", "{}"));
        assertThat(e.entity()).isEqualTo("pipeline");
        assertThat(e.id()).isEqualTo("p");
        assertThat(pipelines().get("p").description()).isEqualTo(first.description());
    }

    @Test
    @DisplayName("update: replaces description and config, version + 1, updatedAt now, createdAt kept")
    void update() {
        pipelines().create("p", "old", "{\"v\":1}");
        Instant later = advance(Duration.ofMinutes(5));
        Pipeline updated = pipelines().update("p", 1, "new", "{\"v\":2}");

        assertThat(updated.description()).isEqualTo("new");
        assertJsonEquals("{\"v\":2}", updated.config());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertJsonEquals("{\"v\":2}", pipelines().get("p").config());
        assertThat(pipelines().get("p").version()).isEqualTo(2);

        Pipeline cleared = pipelines().update("p", 2, null, "{}");
        assertThat(cleared.description()).isNull();
        assertThat(cleared.version()).isEqualTo(3);
    }

    @Test
    @DisplayName("get, update of an unknown name: NotFoundException(pipeline, name); find is empty")
    void unknownName() {
        assertThat(pipelines().find("ghost")).isEmpty();
        assertThatThrownBy(() -> pipelines().get("ghost")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.entity()).isEqualTo("pipeline");
            assertThat(e.id()).isEqualTo("ghost");
        });
        assertFailsUnchanged(NotFoundException.class, () -> pipelines().update("ghost", 1, null, "{}"));
    }

    @Test
    @DisplayName("list: by createdAt then name, newest first by default")
    void list() {
        pipelines().create("b", null, "{}");
        pipelines().create("a", null, "{}");
        advance(Duration.ofSeconds(1));
        pipelines().create("0-later", null, "{}");

        assertThat(pipelines().list(PageRequest.first()).items()).extracting(Pipeline::name)
                .containsExactly("0-later", "b", "a");
        assertThat(pipelines().list(PageRequest.first().oldestFirst()).items()).extracting(Pipeline::name)
                .containsExactly("a", "b", "0-later");
        assertThat(pipelines().list(PageRequest.first()).nextCursor()).isNull();
    }

    @Test
    @DisplayName("delete: returns whether it existed; schedules and executions naming it are kept")
    void delete() {
        pipelines().create("p", null, "{}");
        String scheduleId = schedules().create(NewSchedule.of("nightly", "p", "0 2 * * *")).id();
        String executionId = executions().start(NewExecution.of("p", "alice")).id();

        assertThat(pipelines().delete("p")).isTrue();
        assertThat(pipelines().find("p")).isEmpty();
        assertThat(pipelines().delete("p")).isFalse();
        assertThat(schedules().find(scheduleId)).isPresent();
        assertThat(executions().find(executionId)).isPresent();
        pipelines().create("p", null, "{\"again\":true}");
        assertThat(pipelines().get("p").version()).isEqualTo(1);
    }
}
