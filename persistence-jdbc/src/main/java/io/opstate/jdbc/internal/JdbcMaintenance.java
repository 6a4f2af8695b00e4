package io.opstate.jdbc.internal;

import io.opstate.Health;
import io.opstate.Maintenance;
import io.opstate.PersistenceException;
import io.opstate.Settings;
import io.opstate.StorageCorruptedException;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.core.maintenance.ArtifactFindings;
import io.opstate.core.maintenance.Steps;
import io.opstate.core.maintenance.WriterShare;
import io.opstate.jdbc.IntegrityFindings;
import io.opstate.jdbc.MaintenanceDialect;
import io.opstate.jdbc.SchemaMigrator;
import io.opstate.jdbc.StorageProbe;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.StoreStatistics;
import io.opstate.maintenance.TableStatistics;
import io.opstate.maintenance.VacuumMode;
import io.opstate.jdbc.internal.retention.JdbcRetention;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Maintenance of a SQL store: health, the integrity check (the dialect's checks, the shared orphan
 * checks, the artifacts), optimisation and checkpoints on a writer connection outside any
 * transaction, statistics, and retention ({@link JdbcRetention}). Input is checked by the layer above. Thread-safe.
 */
public final class JdbcMaintenance implements Maintenance {
    /** The operation named in the optimisation's progress reports and cancellations. */
    private static final String OPTIMIZE = "optimize";
    private static final String SCHEMA_VERSION = "SELECT version FROM " + SchemaMigrator.HISTORY_TABLE
            + " WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    private final Database database;
    private final String backendName;
    private final StorageProbe probe;
    private final MaintenanceDialect dialect;
    private final ArtifactRepository artifacts;
    private final JdbcRetention retention;

    public JdbcMaintenance(Database database, String backendName, StorageProbe probe, ArtifactRepository artifacts,
                           JdbcRetention retention) {
        this.database = database;
        this.backendName = backendName;
        this.probe = probe;
        this.dialect = database.dialect().maintenance();
        this.artifacts = artifacts;
        this.retention = retention;
    }

    @Override
    public RetentionReport prune(RetentionPolicy policy, PruneMode mode, ProgressListener listener,
                                 Cancellation cancellation) {
        return retention.prune(policy, mode, listener, cancellation);
    }

    /** Reports an unreachable store instead of throwing; a closed store still throws. */
    @Override
    public Health health() {
        database.ensureOpen();
        try {
            return database.read(ErrorContext.NONE, handle -> new Health(backendName, true,
                    handle.createQuery(SCHEMA_VERSION).mapTo(String.class).findFirst().orElse(null),
                    probe.storageBytes(handle), probe.location()));
        } catch (PersistenceException | IllegalStateException e) {
            return new Health(backendName, false, null, null, probe.location() + ": " + e.getMessage());
        }
    }

    @Override
    public IntegrityReport checkIntegrity(ArtifactCheck artifactCheck, ProgressListener listener,
                                          Cancellation cancellation) {
        List<MaintenanceDialect.Check> checks = new ArrayList<>(dialect.integrityChecks());
        checks.addAll(OrphanChecks.all());
        Steps steps = new Steps("integrity-check", listener, cancellation, checks.size() + 1);
        IntegrityFindings findings = new IntegrityFindings();
        List<String> ran = new ArrayList<>();
        for (MaintenanceDialect.Check check : checks) {
            steps.run(check.name(), () -> run(check, findings));
            ran.add(check.name());
        }
        ArtifactIntegrityReport artifactReport = steps.run("artifacts",
                () -> ArtifactFindings.check(artifacts, artifactCheck, findings::problem, findings::skipped));
        if (artifactReport != null) {
            ran.add("artifacts");
        }
        return new IntegrityReport(ran, findings.skipped(), findings.problems(), artifactReport);
    }

    /** Runs one check; damage that makes the check itself fail is a finding, not a failure. */
    private void run(MaintenanceDialect.Check check, IntegrityFindings findings) {
        try {
            database.read(ErrorContext.NONE, handle -> {
                check.body().run(handle, findings);
                return null;
            });
        } catch (StorageCorruptedException e) {
            findings.problem(IntegrityProblem.error("database", check.name() + " failed: " + e.getMessage()));
        }
    }

    @Override
    public OptimizeReport optimize(ProgressListener listener, Cancellation cancellation) {
        return optimize(Settings.MAINTENANCE_VACUUM.defaultValue().orElseThrow(), listener, cancellation);
    }

    @Override
    public OptimizeReport optimize(VacuumMode vacuum, ProgressListener listener, Cancellation cancellation) {
        Long before = size();
        List<String> tables = tables();
        List<MaintenanceDialect.Step> planned = database.outsideTransaction(
                writer -> dialect.optimizeSteps(vacuum, tables, writer));
        Steps steps = new Steps(OPTIMIZE, listener, cancellation, planned.size());
        List<String> done = new ArrayList<>();
        for (MaintenanceDialect.Step step : planned) {
            repeat(step.times(), () -> {
                boolean more = steps.run(step.name(), () -> database.outsideTransaction(step.work()::test));
                done.add(step.name());
                return more;
            }, took -> WriterShare.pauseAfter(OPTIMIZE, took));
        }
        return new OptimizeReport(vacuum, done, before, size());
    }

    /**
     * Calls {@code run} until it answers that nothing more is left, at most {@code times} times;
     * between two calls, hands {@code between} the nanoseconds the call before took (the pause that
     * leaves the store's writer to its callers). Returns the calls.
     */
    static int repeat(int times, BooleanSupplier run, LongConsumer between) {
        int runs = 0;
        while (true) {
            long started = System.nanoTime();
            boolean more = run.getAsBoolean();
            runs++;
            if (!more || runs >= times) {
                return runs;
            }
            between.accept(System.nanoTime() - started);
        }
    }

    @Override
    public CheckpointReport checkpoint() {
        return database.outsideTransaction(writer -> dialect.checkpoint(writer, probe));
    }

    @Override
    public StoreStatistics statistics(ProgressListener listener, Cancellation cancellation) {
        List<String> tables = tables();
        Steps steps = new Steps("statistics", listener, cancellation, tables.size() + 1);
        Map<String, Long> bytes = steps.run("table sizes", () -> database.read(ErrorContext.NONE, dialect::tableBytes));
        List<TableStatistics> measured = new ArrayList<>();
        for (String table : tables) {
            long rows = steps.run(table, () -> database.read(ErrorContext.NONE,
                    handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one()));
            measured.add(new TableStatistics(table, rows, bytes.get(table)));
        }
        return new StoreStatistics(backendName, measured, size(), probe.walBytes(), artifacts.totals());
    }

    /** The store's tables in name order; names come from the catalogue, never from a caller. */
    private List<String> tables() {
        return database.read(ErrorContext.NONE, handle -> handle.createQuery(dialect.tablesQuery())
                .mapTo(String.class).list()).stream().sorted().toList();
    }

    private Long size() {
        return database.read(ErrorContext.NONE, probe::storageBytes);
    }
}
