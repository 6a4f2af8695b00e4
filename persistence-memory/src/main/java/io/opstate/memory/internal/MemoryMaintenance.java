package io.opstate.memory.internal;

import io.opstate.Health;
import io.opstate.Maintenance;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.core.maintenance.ArtifactFindings;
import io.opstate.core.maintenance.Steps;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.StoreStatistics;
import io.opstate.maintenance.TableStatistics;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maintenance of an in-memory store: it has no database to check, optimise or checkpoint, so the
 * integrity check is the artifacts' and the statistics count the rows of each collection, named
 * like the SQL tables that hold the same records (sizes unknown). Thread-safe.
 */
final class MemoryMaintenance implements Maintenance {
    private static final Map<String, Function<MemoryStore, Integer>> TABLES = tables();

    private final Session session;
    private final ArtifactRepository artifacts;
    private final MemoryRetention retention;

    MemoryMaintenance(Session session, ArtifactRepository artifacts, MemoryRetention retention) {
        this.session = session;
        this.artifacts = artifacts;
        this.retention = retention;
    }

    @Override
    public io.opstate.retention.RetentionReport prune(io.opstate.retention.RetentionPolicy policy,
            io.opstate.retention.PruneMode mode, io.opstate.operations.ProgressListener listener,
            io.opstate.operations.Cancellation cancellation) {
        return retention.prune(policy, mode, listener, cancellation);
    }

    private static Map<String, Function<MemoryStore, Integer>> tables() {
        return new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("opstate_jobs", store -> store.jobs.size()),
                Map.entry("opstate_pipelines", store -> store.pipelines.size()),
                Map.entry("opstate_schedules", store -> store.schedules.size()),
                Map.entry("opstate_executions", store -> store.executions.size()),
                Map.entry("opstate_history", store -> store.history.size()),
                Map.entry("opstate_constructs", store -> store.constructs.size()),
                Map.entry("opstate_construct_links", store -> store.constructLinks.size()),
                Map.entry("opstate_sessions", store -> store.sessions.size()),
                Map.entry("opstate_artifacts", store -> store.artifacts.size()),
                Map.entry("opstate_resource_kinds", store -> store.resourceKinds.size()),
                Map.entry("opstate_resources", store -> store.resources.size()),
                Map.entry("opstate_resource_changes", store -> store.resourceChanges.size()),
                Map.entry("opstate_tokens", store -> store.tokens.size()),
                Map.entry("opstate_preferences", store -> store.preferences.size())));
    }

    @Override
    public Health health() {
        session.ensureOpen();
        return new Health(MemoryDatastore.BACKEND_NAME, true, null, null, session.toString());
    }

    @Override
    public IntegrityReport checkIntegrity(ArtifactCheck check, ProgressListener listener, Cancellation cancellation) {
        session.ensureOpen();
        Steps steps = new Steps("integrity-check", listener, cancellation, 1);
        List<IntegrityProblem> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        ArtifactIntegrityReport report = steps.run("artifacts",
                () -> ArtifactFindings.check(artifacts, check, problems::add, skipped::add));
        return new IntegrityReport(report == null ? List.of() : List.of("artifacts"), skipped, problems, report);
    }

    @Override
    public OptimizeReport optimize(ProgressListener listener, Cancellation cancellation) {
        return optimize(VacuumMode.INCREMENTAL, listener, cancellation);
    }

    /** Nothing to optimise: a memory store holds no free space and no planner statistics. */
    @Override
    public OptimizeReport optimize(VacuumMode vacuum, ProgressListener listener, Cancellation cancellation) {
        session.ensureOpen();
        cancellation.throwIfCancelled("optimize");
        return new OptimizeReport(vacuum, List.of(), null, null);
    }

    @Override
    public CheckpointReport checkpoint() {
        session.ensureOpen();
        return new CheckpointReport(false, true, "a memory store has no write-ahead log; nothing to do", null, null);
    }

    @Override
    public StoreStatistics statistics(ProgressListener listener, Cancellation cancellation) {
        session.ensureOpen();
        Steps steps = new Steps("statistics", listener, cancellation, TABLES.size());
        List<TableStatistics> tables = new ArrayList<>();
        TABLES.forEach((name, rows) -> tables.add(steps.run(name,
                () -> new TableStatistics(name, session.read(rows::apply), null))));
        return new StoreStatistics(MemoryDatastore.BACKEND_NAME, tables, null, null, artifacts.totals());
    }
}
