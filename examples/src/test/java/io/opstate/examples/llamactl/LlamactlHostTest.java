package io.opstate.examples.llamactl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.examples.hosts.HostStores;
import io.opstate.resources.ImportFileException;
import io.opstate.resources.NewResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** llamactl's start-up and its manager's day, on memory, SQLite and PostgreSQL. */
class LlamactlHostTest {
    @RegisterExtension
    final HostStores stores = new HostStores();
    @TempDir
    Path dir;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private OpStateDatabase open(String backend) {
        return OpStateDatabase.open(Persistence.open(stores.fresh(backend, dir).build()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void migratesTheJsonFilesOnceThenRunsTheManagersDay(String backend) throws IOException {
        Path instancesDir = dir.resolve("instances");
        LlamactlHost.writeJsonEraFiles(instancesDir);
        try (OpStateDatabase database = open(backend)) {
            List<Instance> stored = LlamactlHost.run(database, instancesDir, new PrintStream(output, true, UTF_8));

            assertThat(stored).extracting(Instance::name).containsExactly("llama2-7b", "mistral-mlx", "qwen3-vllm");
            Instance llama = database.getByName("llama2-7b").orElseThrow();
            assertThat(llama.status()).isEqualTo(InstanceStatus.RUNNING);
            assertThat(llama.options().backendType()).isEqualTo(BackendType.LLAMA_CPP);
            assertThat(llama.options().backendOptions()).containsEntry("model", "/models/llama-2-7b.Q4_K_M.gguf")
                    .containsEntry("port", 8081).containsEntry("ctx_size", 4096);
            assertThat(llama.options().autoRestart()).isTrue();
            assertThat(llama.options().maxRestarts()).isEqualTo(5);
            assertThat(llama.options().nodes()).containsExactly("main");
            assertThat(llama.options().environment()).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "0"));
            assertThat(llama.updated()).isAfterOrEqualTo(llama.created());

            Instance mistral = database.getByName("mistral-mlx").orElseThrow();
            assertThat(mistral.status()).as("as its file had it").isEqualTo(InstanceStatus.STOPPED);
            assertThat(mistral.options().autoRestart()).isTrue();
            assertThat(mistral.options().maxRestarts()).isEqualTo(3);
            assertThat(mistral.options().restartDelay()).isEqualTo(10);
            assertThat(mistral.options().onDemandStart()).as("the column default").isFalse();
            assertThat(mistral.options().idleTimeout()).isZero();
            assertThat(mistral.options().dockerEnabled()).isFalse();
            assertThat(mistral.options().commandOverride()).isNull();

            Instance qwen = database.getByName("qwen3-vllm").orElseThrow();
            assertThat(qwen.status()).isEqualTo(InstanceStatus.RUNNING);
            assertThat(qwen.options().backendType()).isEqualTo(BackendType.VLLM);
            assertThat(qwen.options().maxRestarts()).as("the column default").isEqualTo(-1);
            assertThat(qwen.options().onDemandStart()).isTrue();
            assertThat(qwen.options().idleTimeout()).isEqualTo(15);
            assertThat(qwen.options().backendOptions()).containsEntry("tensor_parallel_size", 2);
            assertThat(database.getByName("phi-2-old")).isEmpty();

            try (Stream<Path> left = Files.list(instancesDir)) {
                assertThat(left).extracting(path -> path.getFileName().toString()).containsExactly(JsonMigration.ARCHIVE);
            }
            try (Stream<Path> archived = Files.list(instancesDir.resolve(JsonMigration.ARCHIVE))) {
                assertThat(archived).hasSize(3);
            }

            List<Instance> again = LlamactlHost.run(database, instancesDir, new PrintStream(output, true, UTF_8));
            assertThat(again).extracting(Instance::name).as("nothing migrated twice")
                    .containsExactly("llama2-7b", "mistral-mlx", "qwen3-vllm");
        }
        assertThat(output.toString(UTF_8)).contains("Migrated 3 instances from JSON").contains("Deleted phi-2-old");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void eachInstanceKeepsTheStatusOfItsFile(String backend) {
        Path instancesDir = dir.resolve("instances");
        LlamactlHost.writeJsonEraFiles(instancesDir);
        try (OpStateDatabase database = open(backend)) {
            List<Instance> migrated = JsonMigration.migrateFromJson(database, instancesDir);

            assertThat(migrated).extracting(Instance::name, Instance::status).containsExactly(
                    tuple("llama2-7b", InstanceStatus.RUNNING), tuple("mistral-mlx", InstanceStatus.STOPPED),
                    tuple("phi-2-old", InstanceStatus.FAILED));
            assertThat(database.loadAll()).isEqualTo(migrated);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void aBadFileBlocksStartUpAndLeavesEverythingWhereItWas(String backend) throws IOException {
        Path instancesDir = dir.resolve("instances");
        LlamactlHost.writeJsonEraFiles(instancesDir);
        Files.writeString(instancesDir.resolve("tgi.json"),
                "{\"name\": \"tgi\", \"options\": {\"backend_type\": \"tgi\"}}");
        try (OpStateDatabase database = open(backend)) {
            ImportFileException refused = catchThrowableOfType(ImportFileException.class,
                    () -> JsonMigration.migrateFromJson(database, instancesDir));

            assertThat(refused.field()).isEqualTo("tgi.json");
            assertThat(refused.getMessage()).contains("unknown backend 'tgi'");
            assertThat(database.loadAll()).isEmpty();
            try (Stream<Path> left = Files.list(instancesDir)) {
                assertThat(left).hasSize(4);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "sqlite", "postgres"})
    void theKindHoldsTheTablesConstraints(String backend) {
        try (OpStateDatabase database = open(backend)) {
            InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                    () -> database.store().resources().create(NewResource.of(OpStateDatabase.KIND, "tgi")
                            .withLabel(OpStateDatabase.BACKEND_TYPE, "tgi")));
            assertThat(refused.field()).isEqualTo("labels.backend_type");

            database.save(Instance.of("shared", InstanceOptions.of(BackendType.LLAMA_CPP, Map.of()))
                    .withOwnerUserId("alice"));
            database.save(Instance.of("shared", InstanceOptions.of(BackendType.MLX_LM, Map.of()))
                    .withOwnerUserId("bob"));
            assertThat(database.loadAll()).as("names are unique whoever owns them").singleElement()
                    .satisfies(instance -> {
                        assertThat(instance.ownerUserId()).isEqualTo("bob");
                        assertThat(instance.options().backendType()).isEqualTo(BackendType.MLX_LM);
                    });
            assertThatThrownBy(() -> database.delete("nobody")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void theFourVariablesOverrideTheFile() {
        PersistenceConfig defaults = DatabaseConfig.DEFAULTS.toPersistenceConfig(dir, Map.of());
        assertThat(defaults.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("llamactl.db"));
        assertThat(defaults.poolMaxSize()).isEqualTo(25);
        assertThat(defaults.poolMinIdle()).isEqualTo(5);
        assertThat(defaults.poolMaxLifetime()).isEqualTo(Duration.ofMinutes(5));

        PersistenceConfig overridden = DatabaseConfig.DEFAULTS.toPersistenceConfig(dir, Map.of(
                "LLAMACTL_DATABASE_PATH", "/var/lib/llamactl/state.db",
                "LLAMACTL_DATABASE_MAX_OPEN_CONNECTIONS", "8",
                "LLAMACTL_DATABASE_MAX_IDLE_CONNECTIONS", "2",
                "LLAMACTL_DATABASE_CONN_MAX_LIFETIME", "1h30m",
                "LLAMACTL_PORT", "8080"));
        assertThat(overridden.url()).isEqualTo("jdbc:sqlite:/var/lib/llamactl/state.db");
        assertThat(overridden.poolMaxSize()).isEqualTo(8);
        assertThat(overridden.poolMinIdle()).isEqualTo(2);
        assertThat(overridden.poolMaxLifetime()).isEqualTo(Duration.ofMinutes(90));

        assertThat(DatabaseConfig.DEFAULTS.toPersistenceConfig(dir, Map.of("LLAMACTL_DATABASE_PATH", ":memory:")).url())
                .isEqualTo("memory:");
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> DatabaseConfig.DEFAULTS.toPersistenceConfig(dir, Map.of("LLAMACTL_DATABASE_MAX_OPEN_CONNECTIONS", "5000")));
        assertThat(refused.field()).isEqualTo("LLAMACTL_DATABASE_MAX_OPEN_CONNECTIONS");
    }
}
