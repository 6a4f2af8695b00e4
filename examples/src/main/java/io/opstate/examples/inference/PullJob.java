package io.opstate.examples.inference;

import java.time.Instant;

/**
 * One row of the server's {@code jobs} table, as {@code get_job} returns it, plus the stage the
 * pull is in. Immutable.
 *
 * @param quantize "auto", "q4", "fp16", "no", or null
 * @param init whether to load the model after the download, or null
 * @param stage what the pull is doing ("download", "load"), or null before it started
 * @param traceback the full traceback of a failure, or null
 * @param localPath where the snapshot landed, once succeeded
 * @param sizeBytes the model's size from the hub's metadata, once succeeded
 * @param downloadedBytes bytes downloaded so far
 * @param progress downloaded over total, 0..1, or null while unknown
 * @param totalBytes bytes expected, or null while unknown
 * @param preferredQuantized whether the model loads quantized, once succeeded
 */
public record PullJob(String id, String model, String quantize, Boolean init, PullStatus status, String stage,
                      Instant createdAt, Instant startedAt, Instant finishedAt, String error, String traceback,
                      String localPath, Long sizeBytes, long downloadedBytes, Double progress, Long totalBytes,
                      Boolean preferredQuantized) {
}
