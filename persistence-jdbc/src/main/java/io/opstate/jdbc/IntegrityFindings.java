package io.opstate.jdbc;

import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checks of one integrity check found: problems (at most {@link IntegrityReport#MAX_LISTED},
 * further ones counted) and checks that could not run, with why. Not thread-safe; one per check.
 */
public final class IntegrityFindings {
    private final List<IntegrityProblem> problems = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private long unlisted;

    public void problem(IntegrityProblem problem) {
        if (problems.size() < IntegrityReport.MAX_LISTED - 1) {
            problems.add(problem);
        } else {
            unlisted++;
        }
    }

    /** A check that could not run, and why; not a problem. */
    public void skipped(String why) {
        skipped.add(why);
    }

    /** The problems, with a last one counting those past the limit. */
    public List<IntegrityProblem> problems() {
        if (unlisted == 0) {
            return List.copyOf(problems);
        }
        List<IntegrityProblem> all = new ArrayList<>(problems);
        all.add(IntegrityProblem.error("report", unlisted + " more problems not listed"));
        return all;
    }

    public List<String> skipped() {
        return List.copyOf(skipped);
    }
}
