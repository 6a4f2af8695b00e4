package io.opstate.core.maintenance;

import io.opstate.InvalidInputException;
import io.opstate.Settings;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.maintenance.IntegrityProblem;
import java.util.function.Consumer;

/** The artifacts' integrity report as problems of a store's integrity check, the same on every backend. */
public final class ArtifactFindings {
    private ArtifactFindings() {
    }

    /**
     * Checks the artifacts as {@code check} says and adds what it finds to {@code problems}; a store
     * whose artifacts have nowhere to live ({@code opstate.artifact-root} unset on PostgreSQL) is
     * {@code skipped}, with null returned.
     */
    public static ArtifactIntegrityReport check(ArtifactRepository artifacts, ArtifactCheck check,
                                                Consumer<IntegrityProblem> problems, Consumer<String> skipped) {
        ArtifactIntegrityReport report;
        try {
            report = artifacts.checkIntegrity(check);
        } catch (InvalidInputException e) {
            if (!Settings.ARTIFACT_ROOT.property().equals(e.field())) {
                throw e;
            }
            skipped.accept("artifacts: the store keeps none (" + e.getMessage() + ")");
            return null;
        }
        add(report, problems);
        return report;
    }

    /** Missing and corrupt blobs are errors; blobs no artifact references are warnings (nothing is lost). */
    public static void add(ArtifactIntegrityReport report, Consumer<IntegrityProblem> problems) {
        report.missingBlobs().forEach(id -> problems.accept(IntegrityProblem.error("artifacts",
                "artifact " + id + ": its blob is missing or has the wrong size")));
        report.corruptBlobs().forEach(sha -> problems.accept(IntegrityProblem.error("artifacts",
                "blob " + sha + ": its content no longer matches its hash")));
        report.orphanBlobs().forEach(sha -> problems.accept(IntegrityProblem.warning("artifacts",
                "blob " + sha + ": no artifact references it; collectGarbage removes it once older than "
                        + ArtifactRepository.GC_GRACE)));
    }
}
