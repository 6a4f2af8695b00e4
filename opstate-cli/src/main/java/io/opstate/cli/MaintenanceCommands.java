package io.opstate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opstate.Datastore;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.StoreStatistics;
import io.opstate.maintenance.TableStatistics;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstate check}, {@code opstate optimize} and {@code opstate stats}: a store's maintenance from the command line. */
final class MaintenanceCommands {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MaintenanceCommands() {
    }

    /** The report as JSON, for scripts. */
    static void printJson(PrintWriter out, Object report) {
        try {
            out.println(JSON.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each step on the error stream, so a long run shows it is alive and the output stays clean. */
    static ProgressListener steps(CommandSpec spec, boolean quiet) {
        PrintWriter err = spec.commandLine().getErr();
        return quiet ? ProgressListener.NONE : progress -> {
            err.printf("%s: %s (%d/%s)%n", progress.operation(), progress.step(), progress.done(),
                    progress.totalKnown() ? String.valueOf(progress.total()) : "?");
            err.flush();
        };
    }

    /** {@code opstate check}: the whole integrity check. */
    @Command(name = "check", description = {"Checks a store for damage: the database's own checks (SQLite",
            "integrity_check and foreign_key_check; PostgreSQL constraints, indexes, amcheck when installed),",
            "rows left behind by deleted sessions, and every artifact row against its blob. Reads only.",
            "Exit code 0 when nothing is found, 1 when a problem is found or the store cannot be reached."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ArtifactsCommand.StoreOptions store;

        @Option(names = "--sample", paramLabel = "<n>", defaultValue = "0",
                description = "Read back n random blobs (and look for n random rows' blobs) instead of all of them")
        private int sample;

        @Option(names = "--json", description = "Print the report as JSON")
        private boolean json;

        @Option(names = "--warnings-pass", description = "Exit 0 when only warnings were found (e.g. orphan blobs)")
        private boolean warningsPass;

        @Override
        public Integer call() {
            IntegrityReport report;
            try (Datastore opened = store.open()) {
                report = opened.maintenance().checkIntegrity(
                        sample == 0 ? ArtifactCheck.full() : ArtifactCheck.sampled(sample), steps(spec, json),
                        Cancellation.none());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                printJson(out, report);
            } else {
                out.printf("checks:   %s%n", String.join(", ", report.checks()));
                report.skipped().forEach(skipped -> out.printf("skipped:  %s%n", skipped));
                out.printf("problems: %d%n", report.problems().size());
                for (IntegrityProblem problem : report.problems()) {
                    out.printf("  %-7s %-12s %s%n", problem.severity(), problem.area(), problem.detail());
                }
                out.println(report.ok() ? "ok" : report.damaged() ? "DAMAGED" : "warnings only");
            }
            boolean passed = report.ok() || (warningsPass && !report.damaged());
            return passed ? 0 : OpstateCommand.FAILED;
        }
    }

    /** {@code opstate optimize}: planner statistics and vacuum, then a checkpoint. */
    @Command(name = "optimize", description = {"Refreshes the planner's statistics and reclaims free space",
            "(SQLite PRAGMA optimize and incremental_vacuum or VACUUM; PostgreSQL ANALYZE or VACUUM of each table),",
            "then checkpoints SQLite's write-ahead log. Changes nothing the store holds. Exit code 0 when done."})
    static final class Optimize implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ArtifactsCommand.StoreOptions store;

        @Option(names = "--vacuum", paramLabel = "<none|incremental|full>", defaultValue = "incremental",
                description = "How to reclaim free space (default: incremental)")
        private VacuumMode vacuum;

        @Option(names = "--json", description = "Print the report as JSON")
        private boolean json;

        @Override
        public Integer call() {
            OptimizeReport optimized;
            CheckpointReport checkpoint;
            try (Datastore opened = store.open()) {
                optimized = opened.maintenance().optimize(vacuum, steps(spec, json), Cancellation.none());
                checkpoint = opened.maintenance().checkpoint();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> both = new LinkedHashMap<>();
                both.put("optimize", optimized);
                both.put("checkpoint", checkpoint);
                printJson(out, both);
            } else {
                optimized.steps().forEach(step -> out.printf("ran:        %s%n", step));
                out.printf("bytes:      %s -> %s%n", shown(optimized.bytesBefore()), shown(optimized.bytesAfter()));
                out.printf("checkpoint: %s%n", checkpoint.detail());
            }
            return 0;
        }
    }

    /** {@code opstate stats}: rows and bytes per table, artifacts, log and database size. */
    @Command(name = "stats", description = {"Prints the rows and bytes of each table, the artifacts' totals, and",
            "the size of the store and of its write-ahead log. Reads only. Exit code 0 when done."})
    static final class Stats implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ArtifactsCommand.StoreOptions store;

        @Option(names = "--json", description = "Print the statistics as JSON")
        private boolean json;

        @Override
        public Integer call() {
            StoreStatistics statistics;
            try (Datastore opened = store.open()) {
                statistics = opened.maintenance().statistics(steps(spec, true), Cancellation.none());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                printJson(out, statistics);
                return 0;
            }
            out.printf("%-36s %12s %14s%n", "table", "rows", "bytes");
            for (TableStatistics table : statistics.tables()) {
                out.printf("%-36s %12d %14s%n", table.table(), table.rows(), shown(table.bytes()));
            }
            out.printf("database bytes:  %s%n", shown(statistics.databaseBytes()));
            out.printf("wal bytes:       %s%n", shown(statistics.walBytes()));
            out.printf("artifacts:       %d (%d logical bytes, %d stored bytes)%n", statistics.artifacts().artifacts(),
                    statistics.artifacts().logicalBytes(), statistics.artifacts().storedBytes());
            return 0;
        }
    }

    private static String shown(Long bytes) {
        return bytes == null ? "-" : String.valueOf(bytes);
    }
}
