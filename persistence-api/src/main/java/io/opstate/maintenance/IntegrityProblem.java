package io.opstate.maintenance;

import java.util.Objects;

/**
 * One thing an integrity check found wrong.
 *
 * @param severity {@link Severity#ERROR} for damage or lost data, {@link Severity#WARNING} for
 *     what wastes space or needs a look but loses nothing
 * @param area where: {@code database}, {@code foreign-keys}, {@code indexes}, {@code constraints},
 *     {@code sessions}, {@code search}, {@code artifacts}
 * @param detail what, for people: the table, row or blob and what is wrong with it
 */
public record IntegrityProblem(Severity severity, String area, String detail) {
    /** How bad a problem is. */
    public enum Severity {
        /** Data is damaged or missing. */
        ERROR,
        /** Nothing is lost, but something needs a look or a clean-up (e.g. a blob no artifact references). */
        WARNING
    }

    public IntegrityProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(detail, "detail");
    }

    /** An {@link Severity#ERROR}. */
    public static IntegrityProblem error(String area, String detail) {
        return new IntegrityProblem(Severity.ERROR, area, detail);
    }

    /** A {@link Severity#WARNING}. */
    public static IntegrityProblem warning(String area, String detail) {
        return new IntegrityProblem(Severity.WARNING, area, detail);
    }
}
