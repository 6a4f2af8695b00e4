package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.resources.ResourceRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Listing, streaming and counting resources by kind, status, labels and owner. */
public abstract class ResourceQueryContract extends TckSupport {
    private Resource a;
    private Resource b;
    private Resource c;
    private Resource d;

    protected ResourceRepository resources() {
        return store.resources();
    }

    @BeforeEach
    void someResources() {
        resources().declareKind(ResourceKind.of("instance", "stopped", "running"));
        resources().declareKind(ResourceKind.of("deployment", "pending"));
        a = created(NewResource.of("instance", "a").withLabel("backend_type", "vllm").withLabel("model_id", "m1"));
        b = created(NewResource.of("instance", "b").withOwner("team").withLabel("backend_type", "vllm")
                .withLabel("model_id", "m2"));
        c = created(NewResource.of("instance", "c").withLabel("backend_type", "mlx_lm").withLabel("model_id", "m1"));
        d = created(NewResource.of("deployment", "a").withLabel("model_id", "m1"));
        c = resources().transition(c.id(), 1, "running", null);
    }

    private Resource created(NewResource resource) {
        clock.advance(Duration.ofSeconds(1));
        return resources().create(resource);
    }

    private List<Resource> listed(ResourceQuery query) {
        return resources().list(query, PageRequest.first().oldestFirst()).items();
    }

    @Test
    @DisplayName("list: by kind, newest first by default, oldest first on request")
    void byKind() {
        assertThat(resources().list(ResourceQuery.of("instance"), PageRequest.first()).items()).containsExactly(c, b, a);
        assertThat(listed(ResourceQuery.of("instance"))).containsExactly(a, b, c);
        assertThat(listed(ResourceQuery.of("deployment"))).containsExactly(d);
        assertThat(listed(ResourceQuery.of("nothing"))).isEmpty();
    }

    @Test
    @DisplayName("list: every label given must match exactly; status and owner restrict too")
    void byLabelsStatusOwner() {
        assertThat(listed(ResourceQuery.of("instance").withLabel("model_id", "m1"))).containsExactly(a, c);
        assertThat(listed(ResourceQuery.of("instance").withLabel("model_id", "m1").withLabel("backend_type", "vllm")))
                .containsExactly(a);
        assertThat(listed(ResourceQuery.of("instance").withLabel("model_id", "m3"))).isEmpty();
        assertThat(listed(ResourceQuery.of("instance").withLabel("model", "m1"))).isEmpty();
        assertThat(listed(ResourceQuery.of("instance").withStatuses("running"))).containsExactly(c);
        assertThat(listed(ResourceQuery.of("instance").withStatuses("running", "stopped"))).containsExactly(a, b, c);
        assertThat(listed(ResourceQuery.of("instance").withOwner("team"))).containsExactly(b);
    }

    @Test
    @DisplayName("list: keyset pages cover every match once, stream walks the same")
    void paging() {
        List<Resource> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(1).oldestFirst();
        while (true) {
            Page<Resource> page = resources().list(ResourceQuery.of("instance"), request);
            seen.addAll(page.items());
            if (page.nextCursor() == null) {
                break;
            }
            request = request.after(page.nextCursor());
        }
        assertThat(seen).containsExactly(a, b, c);
        try (var stream = resources().stream(ResourceQuery.of("instance").withLabel("model_id", "m1"),
                SortOrder.OLDEST_FIRST)) {
            assertThat(stream).containsExactly(a, c);
        }
    }

    @Test
    @DisplayName("countByStatus: per status of the matching resources, only statuses present")
    void counts() {
        assertThat(resources().countByStatus(ResourceQuery.of("instance"))).isEqualTo(Map.of("running", 1L, "stopped", 2L));
        assertThat(resources().countByStatus(ResourceQuery.of("instance").withLabel("backend_type", "vllm")))
                .isEqualTo(Map.of("stopped", 2L));
        assertThat(resources().countByStatus(ResourceQuery.of("deployment"))).containsOnlyKeys("pending");
        assertThat(resources().countByStatus(ResourceQuery.of("nothing"))).isEmpty();
    }
}
