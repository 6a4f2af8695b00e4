package io.opstate.examples.modelmanager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.history.HistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.micrometer.OpStateMetrics;
import io.opstate.operations.BackupReport;
import io.opstate.tokens.CreatedToken;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * The model manager of seed 000 on OpState: its five repositories, migrations on start, the
 * background VACUUM and integrity check on a configurable interval (OpState's maintenance runner,
 * switched on here), the plan's three metrics (jobs per status, database size, migration duration)
 * in a Micrometer registry, and the nightly backup, which on SQLite is OpState's own online backup
 * with the artifact blobs and a manifest. Run it with {@code -Phost -Dhost.main=} this class.
 */
public final class ModelManagerHost {
    /** The plan's location, relative here: {@code /app/data/model-manager.db} in the pod. */
    public static final String DEFAULT_URL = "jdbc:sqlite:data/model-manager.db";

    private final ModelManagerDatastore datastore;
    private final PersistenceConfig config;

    private ModelManagerHost(ModelManagerDatastore datastore, PersistenceConfig config) {
        this.datastore = datastore;
        this.config = config;
    }

    /**
     * Opens the store as the model manager does at start: migrations applied, the maintenance
     * runner on (VACUUM and integrity check every {@code maintenanceInterval}, the plan's
     * "configurable interval"), metrics into {@code registry}.
     */
    public static ModelManagerHost start(PersistenceConfig.Builder base, Duration maintenanceInterval,
                                         MeterRegistry registry) {
        PersistenceConfig config = base
                .set(Settings.MAINTENANCE_ENABLED, true)
                .set(Settings.MAINTENANCE_INTEGRITY_INTERVAL, maintenanceInterval)
                .set(Settings.MAINTENANCE_OPTIMIZE_INTERVAL, maintenanceInterval)
                .build();
        OpStateMetrics metrics = OpStateMetrics.builder(registry).tags("app", "model-manager").build();
        Datastore store = metrics.open(config);
        return new ModelManagerHost(new OpStateModelManager(store, "model-manager-" + ProcessHandle.current().pid()),
                config);
    }

    public ModelManagerDatastore datastore() {
        return datastore;
    }

    /**
     * The nightly backup into {@code root/<date>}: SQLite's is OpState's online backup (the plan's
     * {@code sqlite3 .backup} job, with the blobs and a verified manifest); a PostgreSQL store is
     * backed up with {@code pg_dump} instead (docs/postgresql.md), so there is none here.
     */
    public Optional<BackupReport> nightlyBackup(Path root, Clock clock) {
        if (!"sqlite".equals(((OpStateModelManager) datastore).store().backendName())) {
            return Optional.empty();
        }
        return Optional.of(Persistence.backup(config, root.resolve(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString())));
    }

    /** An integrity check now, as the runner makes on its interval. */
    public IntegrityReport checkNow() {
        return ((OpStateModelManager) datastore).store().maintenance().checkIntegrity();
    }

    public void stop() {
        datastore.close();
    }

    /** A short day of the model manager: a deployment, a model pull job, tokens, preferences, a backup. */
    public static void main(String[] args) {
        String url = Optional.ofNullable(System.getenv("OPSTATE_URL")).orElse(DEFAULT_URL);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ModelManagerHost host = start(PersistenceConfig.builder(url), Duration.ofHours(6), registry);
        try {
            ModelManagerDatastore store = host.datastore();
            Job pull = store.jobs().create("model-pull", "{\"model\":\"llama-3-8b\",\"quantize\":\"q4_k_m\"}");
            store.jobs().start(pull.id());
            store.jobs().report(pull.id(), "downloading", 40, "3.2 GB of 8 GB");
            store.jobs().succeed(pull.id(), "{\"path\":\"/models/llama-3-8b.gguf\"}");
            store.history().record("model.pulled", "llama-3-8b", "{\"job\":\"" + pull.id() + "\"}");
            store.deployments().save(Deployment.of("llama-3-8b-prod", "llama-3-8b", "v1", "deploying",
                    "{\"replicas\":2,\"gpu\":\"a100\"}", "apiVersion: apps/v1\nkind: Deployment\n"));
            store.deployments().setStatus("llama-3-8b-prod", "running");
            store.history().record("deployment.running", "llama-3-8b", "{\"deployment\":\"llama-3-8b-prod\"}");
            CreatedToken token = store.tokens().create("ci-pipeline", Set.of("models:read", "deployments:write"));
            store.preferences().put("dashboard", "{\"theme\":\"dark\",\"columns\":[\"model\",\"status\"]}");

            System.out.println("jobs per status: " + store.jobs().countByStatus());
            System.out.println("deployment: " + store.deployments().get("llama-3-8b-prod").orElseThrow());
            System.out.println("token " + token.token().name() + " verifies: " + store.tokens().verify(token.secret())
                    .map(t -> t.scopes().toString()).orElse("no"));
            System.out.println("preferences: " + store.preferences().get("dashboard").orElse("none"));
            for (HistoryEvent event : store.history().forModel("llama-3-8b", 10)) {
                System.out.println("history: " + event.event() + " " + event.metadata());
            }
            System.out.println("integrity: " + (host.checkNow().ok() ? "ok" : "problems"));
            host.nightlyBackup(Path.of("data", "backups"), Clock.systemUTC()).ifPresent(backup ->
                    System.out.println("backup: " + backup.directory() + " (" + backup.databaseBytes() + " bytes)"));
            System.out.println("metrics: jobs succeeded " + registry.get("opstate.jobs").tag("status", "succeeded")
                    .gauge().value() + ", database bytes " + registry.get("opstate.storage.size").gauge().value()
                    + ", migrations timed " + registry.get("opstate.migration.duration").timer().count());
        } finally {
            host.stop();
        }
    }
}
