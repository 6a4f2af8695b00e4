package io.opstate.core.maintenance;

import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.MaintenanceRun.Outcome;
import io.opstate.maintenance.OptimizeReport;
import java.util.stream.Collectors;

/** How each maintenance report reads as a run's outcome and one line for people. */
public final class RunOutcomes {
    /** Problems named in a summary; the report has them all. */
    private static final int PROBLEMS_SHOWN = 5;

    private RunOutcomes() {
    }

    /** {@link Outcome#PROBLEMS} when anything was found, with the first few problems. */
    public static MaintenanceTask.Result of(IntegrityReport report) {
        if (report.ok()) {
            String skipped = report.skipped().isEmpty() ? "" : "; skipped: " + String.join("; ", report.skipped());
            return new MaintenanceTask.Result(Outcome.OK, "no problem found by " + String.join(", ", report.checks())
                    + skipped);
        }
        long errors = report.problems().stream()
                .filter(problem -> problem.severity() == IntegrityProblem.Severity.ERROR).count();
        String shown = report.problems().stream().limit(PROBLEMS_SHOWN)
                .map(problem -> problem.area() + ": " + problem.detail()).collect(Collectors.joining("; "));
        return new MaintenanceTask.Result(Outcome.PROBLEMS, report.problems().size() + " problems (" + errors
                + " errors): " + shown);
    }

    public static MaintenanceTask.Result of(OptimizeReport report) {
        return new MaintenanceTask.Result(Outcome.OK, "vacuum " + report.vacuum().name().toLowerCase(java.util.Locale.ROOT)
                + ", " + report.steps().size() + " steps, bytes " + report.bytesBefore() + " -> " + report.bytesAfter());
    }

    /** How many rows of each kind a retention run removed. */
    public static MaintenanceTask.Result of(io.opstate.retention.RetentionReport report) {
        String removed = report.removed().entrySet().stream()
                .filter(entry -> entry.getValue().rows() > 0)
                .map(entry -> entry.getKey().label() + " " + entry.getValue().rows())
                .collect(Collectors.joining(", "));
        return new MaintenanceTask.Result(Outcome.OK, "removed " + report.totalRows() + " rows"
                + (removed.isEmpty() ? "" : ": " + removed));
    }

    public static MaintenanceTask.Result of(CheckpointReport report) {
        return new MaintenanceTask.Result(Outcome.OK, report.detail());
    }
}
