package io.opstate.jobs;

/**
 * A progress report from the worker holding a job. Null fields leave the stored value as it is.
 *
 * @param stage new stage name, or null
 * @param progress fraction done in 0..1, or null
 * @param bytesDone bytes processed so far (not negative), or null
 * @param bytesTotal bytes expected in all (not negative), or null
 * @param message new status line, or null
 */
public record JobProgress(String stage, Double progress, Long bytesDone, Long bytesTotal, String message) {
    /** A report that changes nothing yet. */
    public static JobProgress none() {
        return new JobProgress(null, null, null, null, null);
    }

    /** A report of the fraction done. */
    public static JobProgress fraction(double progress) {
        return none().withProgress(progress);
    }

    /** A report of bytes done out of a total, with the fraction derived from them when total is positive. */
    public static JobProgress bytes(long done, long total) {
        return new JobProgress(null, total > 0 ? Math.min(1.0, (double) done / total) : null, done, total, null);
    }

    public JobProgress withStage(String stage) {
        return new JobProgress(stage, progress, bytesDone, bytesTotal, message);
    }

    public JobProgress withProgress(Double progress) {
        return new JobProgress(stage, progress, bytesDone, bytesTotal, message);
    }

    public JobProgress withBytes(Long bytesDone, Long bytesTotal) {
        return new JobProgress(stage, progress, bytesDone, bytesTotal, message);
    }

    public JobProgress withMessage(String message) {
        return new JobProgress(stage, progress, bytesDone, bytesTotal, message);
    }
}
