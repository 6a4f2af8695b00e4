package io.opstate.examples.llamactl;

import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.resources.ImportFileException;
import io.opstate.spi.Urls;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * llamactl's start-up and a short day of its instance manager, on OpState (seed 001):
 *
 * <ol>
 *   <li>reads the {@code database:} settings and the {@code LLAMACTL_DATABASE_*} overrides
 *       ({@link DatabaseConfig}) and opens the store, which migrates its schema;</li>
 *   <li>migrates the instance files of the JSON era once ({@link JsonMigration}); a bad file stops
 *       start-up;</li>
 *   <li>creates a vLLM instance, starts it, restarts an imported one, changes the options of
 *       another and deletes a third, through llamactl's {@link Database} interface;</li>
 *   <li>prints every instance stored.</li>
 * </ol>
 *
 * <pre>
 * java io.opstate.examples.llamactl.LlamactlHost [data-dir]     (default data/llamactl)
 * </pre>
 *
 * On a first run it writes three instance files of the JSON era into {@code <data-dir>/instances},
 * as an upgraded llamactl would find them.
 */
public final class LlamactlHost {
    private LlamactlHost() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "data/llamactl");
        Path instancesDir = dataDir.resolve("instances");
        if (!Files.exists(instancesDir)) {
            writeJsonEraFiles(instancesDir);
        }
        PersistenceConfig config = DatabaseConfig.DEFAULTS.toPersistenceConfig(dataDir, System.getenv());
        System.out.printf("Opening %s (pool: %d connections, %d idle, replaced after %s)%n", Urls.mask(config.url()),
                config.poolMaxSize(), config.poolMinIdle(), config.poolMaxLifetime());
        try (OpStateDatabase database = OpStateDatabase.open(Persistence.open(config))) {
            List<Instance> stored = run(database, instancesDir, System.out);
            print(stored, System.out);
        } catch (ImportFileException e) {
            // The message names the file first.
            System.err.printf("Failed to migrate instances from JSON: %s%nFix or remove the file, then start again.%n",
                    e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Migrates the JSON files of {@code instancesDir}, then runs the manager's day; returns every
     * instance stored at the end.
     *
     * @throws ImportFileException naming a bad instance file; nothing was stored
     */
    public static List<Instance> run(Database database, Path instancesDir, PrintStream out) {
        if (database instanceof OpStateDatabase onOpState) {
            List<Instance> migrated = JsonMigration.migrateFromJson(onOpState, instancesDir);
            if (!migrated.isEmpty()) {
                out.printf("Migrated %d instances from JSON; the files are in %s%n", migrated.size(),
                        instancesDir.resolve(JsonMigration.ARCHIVE));
            }
        }
        Instance qwen = Instance.of("qwen3-vllm", InstanceOptions.of(BackendType.VLLM,
                        Map.of("model", "Qwen/Qwen3-8B", "port", 8003, "tensor_parallel_size", 2))
                .withOnDemandStart(15)
                .withNodes(Set.of("gpu-1"))
                .withEnvironment(Map.of("VLLM_USE_V1", "1")));
        database.save(qwen);
        database.save(qwen.withStatus(InstanceStatus.RUNNING));
        out.println("Saved qwen3-vllm and started it");

        database.getByName("llama2-7b").ifPresent(llama -> {
            database.save(llama.withStatus(InstanceStatus.RESTARTING));
            database.save(llama.withStatus(InstanceStatus.RUNNING));
            out.println("Restarted llama2-7b");
        });
        database.getByName("mistral-mlx").ifPresent(mistral -> {
            database.save(mistral.withOptions(mistral.options().withAutoRestart(3, 10)));
            out.println("mistral-mlx now restarts automatically");
        });
        if (database.getByName("phi-2-old").isPresent()) {
            database.delete("phi-2-old");
            out.println("Deleted phi-2-old");
        }
        return database.loadAll();
    }

    /** One line per instance: name, backend, status, restart policy, nodes, created. */
    static void print(List<Instance> instances, PrintStream out) {
        out.printf("%d instances:%n", instances.size());
        for (Instance instance : instances) {
            InstanceOptions options = instance.options().withDefaults();
            out.printf("  %-12s %-10s %-9s auto_restart=%-5s max_restarts=%-3d on_demand=%-5s nodes=%s created %s%n",
                    instance.name(), options.backendType().wire(), instance.status().wire(), options.autoRestart(),
                    options.maxRestarts(), options.onDemandStart(), options.nodes(), instance.created());
        }
    }

    /** Three instance files as llamactl's JSON era wrote them. */
    public static void writeJsonEraFiles(Path instancesDir) {
        write(instancesDir, "llama2-7b", """
                {"name": "llama2-7b", "status": "running", "created": 1718000000,
                 "options": {"backend_type": "llama_cpp",
                             "backend_options": {"model": "/models/llama-2-7b.Q4_K_M.gguf", "port": 8081, "ctx_size": 4096},
                             "auto_restart": true, "max_restarts": 5, "restart_delay": 3,
                             "nodes": ["main"], "environment": {"CUDA_VISIBLE_DEVICES": "0"}}}
                """);
        write(instancesDir, "mistral-mlx", """
                {"name": "mistral-mlx", "status": "stopped", "created": 1718100000,
                 "options": {"backend_type": "mlx_lm",
                             "backend_options": {"model": "mlx-community/Mistral-7B-Instruct-v0.3-4bit", "port": 8082}}}
                """);
        write(instancesDir, "phi-2-old", """
                {"name": "phi-2-old", "status": "failed", "created": 1717000000,
                 "options": {"backend_type": "llama_cpp", "backend_options": {"model": "/models/phi-2.gguf"},
                             "on_demand_start": true, "idle_timeout": 30}}
                """);
    }

    private static void write(Path instancesDir, String name, String json) {
        try {
            Files.createDirectories(instancesDir);
            Files.writeString(instancesDir.resolve(name + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + ".json", e);
        }
    }
}
