package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.ConflictException;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.resources.NewResource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceRepository;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Resource kinds: declared idempotently, only ever widened by declaring, narrowed explicitly. */
public abstract class ResourceKindContract extends TckSupport {
    private static final ResourceKind INSTANCE = ResourceKind.of("instance", "stopped", "running", "failed")
            .withLabelValues("backend_type", "llama_cpp", "mlx_lm");

    protected ResourceRepository resources() {
        return store.resources();
    }

    @Test
    @DisplayName("declareKind: stored as given, read back by name and in the list; declaring again changes nothing")
    void declare() {
        assertThat(resources().declareKind(INSTANCE)).isEqualTo(INSTANCE);
        assertThat(resources().declareKind(INSTANCE)).isEqualTo(INSTANCE);
        assertThat(resources().kind("instance")).contains(INSTANCE);
        assertThat(resources().kinds()).containsExactly(INSTANCE);
        assertThat(resources().kind("deployment")).isEmpty();
    }

    @Test
    @DisplayName("declareKind: an older declaration cannot remove a newer one's statuses or label values")
    void declaringOnlyWidens() {
        resources().declareKind(INSTANCE.withLabelValues("backend_type", "llama_cpp", "mlx_lm", "vllm"));
        ResourceKind older = ResourceKind.of("instance", "running", "stopped")
                .withLabelValues("backend_type", "llama_cpp").withLabelValues("gpu", "a100");

        ResourceKind stored = resources().declareKind(older);

        assertThat(stored.initialStatus()).isEqualTo("stopped");
        assertThat(stored.statuses()).containsExactly("failed", "running", "stopped");
        assertThat(stored.labelValues()).isEqualTo(Map.of(
                "backend_type", Set.of("llama_cpp", "mlx_lm", "vllm"), "gpu", Set.of("a100")));
        assertThat(resources().kind("instance")).contains(stored);
    }

    @Test
    @DisplayName("narrowKind: removes unused statuses and label values; the kind is replaced whole")
    void narrow() {
        resources().declareKind(INSTANCE);
        ResourceKind narrower = ResourceKind.of("instance", "running", "stopped");

        assertThat(resources().narrowKind(narrower)).isEqualTo(narrower);
        assertThat(resources().kind("instance")).contains(narrower);
    }

    @Test
    @DisplayName("narrowKind: refused, changing nothing, while a resource uses a status or label value it removes")
    void narrowRefusedWhileUsed() {
        resources().declareKind(INSTANCE);
        var created = resources().create(NewResource.of("instance", "a").withLabel("backend_type", "mlx_lm"));
        resources().transition(created.id(), 1, "failed", null);

        assertThatThrownBy(() -> resources().narrowKind(INSTANCE.withLabelValues("backend_type", "mlx_lm")
                        .withoutStatus("failed")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("status failed")
                .hasMessageContaining("instance/a");
        assertThatThrownBy(() -> resources().narrowKind(INSTANCE.withLabelValues("backend_type", "llama_cpp")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("label backend_type=mlx_lm");
        assertThat(resources().kind("instance")).contains(INSTANCE);
    }

    @Test
    @DisplayName("narrowKind: an undeclared kind is not found")
    void narrowUndeclared() {
        assertThatThrownBy(() -> resources().narrowKind(INSTANCE)).isInstanceOf(NotFoundException.class);
        assertThat(resources().kinds()).isEmpty();
    }

    @Test
    @DisplayName("declareKind: an initial status outside the statuses, or a label allowing nothing, names the field")
    void badKinds() {
        assertThatThrownBy(() -> resources().declareKind(
                new ResourceKind("instance", "gone", Set.of("running"), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("initialStatus"));
        assertThatThrownBy(() -> resources().declareKind(
                new ResourceKind("instance", "running", Set.of("running"), Map.of("gpu", Set.of()))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("labelValues.gpu"));
        assertThatThrownBy(() -> resources().declareKind(ResourceKind.of("in\u0000stance", "running")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(resources().kinds()).isEqualTo(List.of());
    }
}
