package io.opstate.examples.inference;

/**
 * What the background task of a pull reports through {@code update_job}: each step of the status
 * lifecycle has its own kind of update, so a job cannot be marked succeeded without a path or
 * failed without an error.
 */
public sealed interface PullUpdate {
    /** The pull begins: {@code queued → running}, {@code started_at} set. */
    record Started() implements PullUpdate {
    }

    /**
     * Bytes downloaded so far, the expected total (null: as reported before) and the stage; the
     * progress fraction is derived from them.
     */
    record Progress(long downloadedBytes, Long totalBytes, String stage) implements PullUpdate {
    }

    /** The model is there: {@code running → succeeded}, {@code finished_at} set. */
    record Succeeded(String localPath, Long sizeBytes, Boolean preferredQuantized) implements PullUpdate {
    }

    /** The pull failed: {@code running → failed} with the error and the full traceback. */
    record Failed(String error, String traceback) implements PullUpdate {
    }
}
