package io.opstate.jobs;

/**
 * A progress report from the worker holding a job. Null fields leave the stored value as it is.
 * A report of bytes without a fraction sets the fraction to bytes done over the total, each as
 * reported or else as stored, when that total is known and above zero; the bytes done it leaves
 * must not exceed that total ({@link JobRepository#reportProgress}).
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

    /**
     * A report of bytes done out of a total; the store derives the fraction from them when the
     * total is above zero.
     */
    public static JobProgress bytes(long done, long total) {
        return none().withBytes(done, total);
    }

    /**
     * A report of bytes done alone, for a total reported before (at the start of a download, say):
     * the store derives the fraction from the stored total when it is known and above zero, and
     * refuses bytes done above it.
     */
    public static JobProgress bytesDone(long done) {
        return none().withBytes(done, null);
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
