package io.opstate.examples.modelmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opstate.IllegalTransitionException;
import io.opstate.InvalidInputException;
import io.opstate.PageRequest;
import io.opstate.examples.hosts.HostStores;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.operations.BackupReport;
import io.opstate.tokens.CreatedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The model manager's repositories and its operational side, on memory, SQLite and PostgreSQL. */
class ModelManagerHostTest {
    @RegisterExtension
    final HostStores stores = new HostStores();
    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void aDayOfTheModelManager(String backend) throws Exception {
        ModelManagerHost host = ModelManagerHost.start(stores.fresh(backend, dir), Duration.ofSeconds(1), registry);
        try {
            ModelManagerDatastore store = host.datastore();

            Job pull = store.jobs().create("model-pull", "{\"model\":\"llama-3-8b\"}");
            store.jobs().start(pull.id());
            Job reported = store.jobs().report(pull.id(), "downloading", 40, "3.2 GB of 8 GB");
            assertThat(reported.stage()).isEqualTo("downloading");
            assertThat(reported.progress()).isEqualTo(0.4);
            assertThat(reported.message()).isEqualTo("3.2 GB of 8 GB");
            assertThat(store.jobs().succeed(pull.id(), "{\"path\":\"/models/x.gguf\"}").status())
                    .isEqualTo(JobStatus.SUCCEEDED);
            Job broken = store.jobs().create("model-pull", "{\"model\":\"nope\"}");
            store.jobs().start(broken.id());
            assertThat(store.jobs().fail(broken.id(), "404 from the hub").status()).isEqualTo(JobStatus.FAILED);
            assertThatThrownBy(() -> store.jobs().report(broken.id(), "again", 1, null))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThat(store.jobs().countByStatus()).containsEntry(JobStatus.SUCCEEDED, 1L)
                    .containsEntry(JobStatus.FAILED, 1L);
            assertThat(store.jobs().byStatus(JobStatus.FAILED, 10)).extracting(Job::id).containsExactly(broken.id());

            store.history().record("model.pulled", "llama-3-8b", "{\"job\":\"" + pull.id() + "\"}");
            store.history().record("deployment.running", "llama-3-8b", null);
            store.history().record("model.pulled", "other-model", null);
            assertThat(store.history().forModel("llama-3-8b", 10)).extracting(HistoryEvent::event)
                    .containsExactly("deployment.running", "model.pulled");

            Deployment saved = store.deployments().save(Deployment.of("prod", "llama-3-8b", "v1", "deploying",
                    "{\"replicas\":2}", "kind: Deployment\n"));
            assertThat(saved.status()).isEqualTo("deploying");
            assertThat(saved.specJson()).isEqualTo("{\"replicas\":2}");
            assertThat(saved.createdAt()).isNotNull();
            store.deployments().save(Deployment.of("prod", "llama-3-8b", "v2", "deploying", "{\"replicas\":3}",
                    "kind: Deployment\n"));
            store.deployments().save(Deployment.of("canary", "llama-3-8b", "v2", "pending", null, null));
            assertThat(store.deployments().setStatus("prod", "running").status()).isEqualTo("running");
            assertThat(store.deployments().get("prod").orElseThrow().version()).isEqualTo("v2");
            assertThat(store.deployments().forModel("llama-3-8b")).extracting(Deployment::id)
                    .containsExactlyInAnyOrder("prod", "canary");
            assertThatThrownBy(() -> store.deployments().setStatus("prod", "exploded"))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(store.deployments().get("missing")).isEmpty();

            CreatedToken token = store.tokens().create("ci", Set.of("models:read"));
            assertThat(store.tokens().verify(token.secret())).map(t -> t.scopes()).contains(Set.of("models:read"));
            assertThat(store.tokens().list()).extracting(t -> t.name()).containsExactly("ci");
            assertThat(store.tokens().revoke(token.token().id())).isTrue();
            assertThat(store.tokens().verify(token.secret())).isEmpty();

            store.preferences().put("dashboard", "{\"theme\":\"dark\"}");
            store.preferences().put("dashboard", "{\"theme\":\"light\"}");
            // PostgreSQL keeps JSON as jsonb, which spaces it its own way: compared by meaning.
            assertThat(new ObjectMapper().readTree(store.preferences().get("dashboard").orElseThrow()))
                    .isEqualTo(new ObjectMapper().readTree("{\"theme\":\"light\"}"));
            assertThat(store.preferences().get("nothing")).isEmpty();

            // The plan's background VACUUM and integrity check: the runner records each run in the history.
            assertThat(host.checkNow().ok()).isTrue();
            awaitMaintenanceRun(host, "maintenance.integrity-check");
            awaitMaintenanceRun(host, "maintenance.optimize");

            // The plan's three metrics.
            assertThat(registry.get("opstate.jobs").tag("status", "succeeded").gauge().value()).isEqualTo(1.0);
            if (!backend.equals("memory")) {
                assertThat(registry.get("opstate.storage.size").gauge().value()).isPositive();
                assertThat(registry.get("opstate.migration.duration").timer().count()).isEqualTo(1);
            }

            Optional<BackupReport> backup = host.nightlyBackup(dir.resolve("backups"), Clock.systemUTC());
            assertThat(backup.isPresent()).isEqualTo(backend.equals("sqlite"));
            backup.ifPresent(report -> assertThat(report.directory().resolve("backup.json")).exists());
        } finally {
            host.stop();
        }
    }

    private static void awaitMaintenanceRun(ModelManagerHost host, String event) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        var history = ((OpStateModelManager) host.datastore()).store().history();
        while (true) {
            List<HistoryEvent> runs = history.list(HistoryQuery.all().withEvent(event), PageRequest.first(1)).items();
            if (!runs.isEmpty()) {
                assertThat(runs.get(0).subjectId()).as(runs.get(0).metadata()).isEqualTo("ok");
                return;
            }
            assertThat(System.nanoTime()).as("a background " + event + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
