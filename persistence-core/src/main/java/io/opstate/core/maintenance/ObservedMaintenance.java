package io.opstate.core.maintenance;

import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import io.opstate.Health;
import io.opstate.Maintenance;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.core.Checks;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.MaintenanceListener;
import io.opstate.maintenance.MaintenanceRun;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.StoreStatistics;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The maintenance a host gets: checks the arguments, applies the configured vacuum mode, and tells
 * the {@link MaintenanceListener}s of every integrity check, optimisation and checkpoint that
 * finishes (its outcome, or its failure). Thread-safe.
 */
public final class ObservedMaintenance implements Maintenance {
    private static final System.Logger LOG = System.getLogger(ObservedMaintenance.class.getName());

    private final Supplier<Maintenance> backend;
    private final VacuumMode vacuum;
    private final Clock clock;
    private final List<MaintenanceListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param backend the backend's maintenance, asked for anew on every call (it checks the store is open)
     * @param vacuum what {@link #optimize()} does ({@code opstate.maintenance.vacuum})
     */
    public ObservedMaintenance(Supplier<Maintenance> backend, VacuumMode vacuum, Clock clock) {
        this.backend = backend;
        this.vacuum = vacuum;
        this.clock = clock;
    }

    @Override
    public Health health() {
        return backend.get().health();
    }

    @Override
    public IntegrityReport checkIntegrity(ArtifactCheck artifacts, ProgressListener listener, Cancellation cancellation) {
        Checks.required("artifacts", artifacts);
        Checks.range("sample", artifacts.sample(), 0, ArtifactCheck.MAX_SAMPLE);
        checkObservers(listener, cancellation);
        return observed(MaintenanceRun.INTEGRITY_CHECK,
                () -> backend.get().checkIntegrity(artifacts, listener, cancellation), RunOutcomes::of);
    }

    @Override
    public OptimizeReport optimize(ProgressListener listener, Cancellation cancellation) {
        return optimize(vacuum, listener, cancellation);
    }

    @Override
    public OptimizeReport optimize(VacuumMode mode, ProgressListener listener, Cancellation cancellation) {
        Checks.required("vacuum", mode);
        checkObservers(listener, cancellation);
        return observed(MaintenanceRun.OPTIMIZE, () -> backend.get().optimize(mode, listener, cancellation),
                RunOutcomes::of);
    }

    @Override
    public CheckpointReport checkpoint() {
        return observed(MaintenanceRun.CHECKPOINT, () -> backend.get().checkpoint(), RunOutcomes::of);
    }

    @Override
    public StoreStatistics statistics(ProgressListener listener, Cancellation cancellation) {
        checkObservers(listener, cancellation);
        return backend.get().statistics(listener, cancellation);
    }

    /** Retention, its arguments checked here (a policy checks itself when built); runs are not told to listeners. */
    @Override
    public RetentionReport prune(RetentionPolicy policy, PruneMode mode, ProgressListener listener,
                                 Cancellation cancellation) {
        Checks.required("policy", policy);
        Checks.required("mode", mode);
        Checks.required("listener", listener);
        Checks.required("cancellation", cancellation);
        return backend.get().prune(policy, mode, listener, cancellation);
    }

    @Override
    public void addListener(MaintenanceListener listener) {
        listeners.add(Checks.required("listener", listener));
    }

    @Override
    public void removeListener(MaintenanceListener listener) {
        listeners.remove(listener);
    }

    private static void checkObservers(ProgressListener listener, Cancellation cancellation) {
        Checks.required("listener", listener);
        Checks.required("cancellation", cancellation);
    }

    private <T> T observed(String task, Supplier<T> operation, Function<T, MaintenanceTask.Result> outcome) {
        Instant started = clock.instant();
        long start = System.nanoTime();
        T report;
        try {
            report = operation.get();
        } catch (OperationCancelledException e) {
            tell(new MaintenanceRun(task, MaintenanceRun.Outcome.CANCELLED, started,
                    Duration.ofNanos(System.nanoTime() - start), String.valueOf(e)));
            throw e;
        } catch (RuntimeException | Error e) {
            tell(new MaintenanceRun(task, MaintenanceRun.Outcome.FAILED, started,
                    Duration.ofNanos(System.nanoTime() - start), String.valueOf(e)));
            throw e;
        }
        MaintenanceTask.Result result = outcome.apply(report);
        tell(new MaintenanceRun(task, result.outcome(), started, Duration.ofNanos(System.nanoTime() - start),
                result.summary()));
        return report;
    }

    private void tell(MaintenanceRun run) {
        for (MaintenanceListener listener : listeners) {
            try {
                listener.finished(run);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a maintenance listener failed on " + run.task() + "; ignored", e);
            }
        }
    }
}
