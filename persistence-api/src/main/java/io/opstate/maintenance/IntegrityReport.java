package io.opstate.maintenance;

import io.opstate.artifacts.ArtifactIntegrityReport;
import java.util.List;

/**
 * What {@link io.opstate.Maintenance#checkIntegrity} found. A problem found is reported here,
 * never thrown. {@link #problems} holds at most {@link #MAX_LISTED} entries.
 *
 * @param checks the checks that ran, in order (e.g. {@code PRAGMA integrity_check}, {@code artifacts})
 * @param skipped checks the store could not run, each with why (e.g. PostgreSQL's {@code amcheck}
 *     extension is not installed); nothing skipped is a problem
 * @param problems what is wrong; empty when all is well
 * @param artifacts the artifacts' own report (rows without blobs, blobs without rows, corrupt blobs),
 *     whose findings also appear in {@link #problems}; null when the store keeps no artifacts
 *     (PostgreSQL without {@code opstate.artifact-root}), which {@link #skipped} then says
 */
public record IntegrityReport(List<String> checks, List<String> skipped, List<IntegrityProblem> problems,
                              ArtifactIntegrityReport artifacts) {
    /** Most problems a report lists. */
    public static final int MAX_LISTED = 1000;

    public IntegrityReport {
        checks = List.copyOf(checks);
        skipped = List.copyOf(skipped);
        problems = List.copyOf(problems);
    }

    /** Whether nothing at all was found wrong. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Whether a problem of severity {@link IntegrityProblem.Severity#ERROR} was found: data is damaged or missing. */
    public boolean damaged() {
        return problems.stream().anyMatch(problem -> problem.severity() == IntegrityProblem.Severity.ERROR);
    }
}
