package io.opstate.core.maintenance;

import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import java.time.Duration;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.maintenance.MaintenanceRun;
import io.opstate.operations.ProgressListener;
import java.util.List;

/** The background runner's tasks, with the intervals the configuration gives them. Add a task here, one line each. */
public final class MaintenanceTasks {
    /**
     * Blobs the background integrity check reads back and rows it looks for, at random: a full
     * read-back of every blob is for an operator ({@code opstate check}); every blob file is still
     * listed, so orphans are all found.
     */
    public static final int ARTIFACT_SAMPLE = 1000;

    private MaintenanceTasks() {
    }

    public static List<MaintenanceTask> from(PersistenceConfig config) {
        return List.of(
                new MaintenanceTask(MaintenanceRun.INTEGRITY_CHECK,
                        config.get(Settings.MAINTENANCE_INTEGRITY_INTERVAL).orElseThrow(),
                        (maintenance, cancellation) -> RunOutcomes.of(maintenance.checkIntegrity(
                                ArtifactCheck.sampled(ARTIFACT_SAMPLE), ProgressListener.NONE, cancellation))),
                new MaintenanceTask(MaintenanceRun.OPTIMIZE,
                        config.get(Settings.MAINTENANCE_OPTIMIZE_INTERVAL).orElseThrow(),
                        (maintenance, cancellation) -> RunOutcomes.of(
                                maintenance.optimize(ProgressListener.NONE, cancellation))),
                new MaintenanceTask(MaintenanceRun.CHECKPOINT,
                        config.get(Settings.MAINTENANCE_CHECKPOINT_INTERVAL).orElseThrow(),
                        (maintenance, cancellation) -> RunOutcomes.of(maintenance.checkpoint())),
                retention(config));
    }

    /** The configured retention policy, applied; off when no {@code opstate.retention.*} rule is set. */
    private static MaintenanceTask retention(PersistenceConfig config) {
        RetentionPolicy policy = RetentionPolicy.from(config);
        Duration interval = policy.isEmpty() ? Duration.ZERO
                : config.get(Settings.MAINTENANCE_RETENTION_INTERVAL).orElseThrow();
        return new MaintenanceTask(MaintenanceRun.RETENTION, interval, (maintenance, cancellation) ->
                RunOutcomes.of(maintenance.prune(policy, PruneMode.DELETE, ProgressListener.NONE, cancellation)));
    }
}
