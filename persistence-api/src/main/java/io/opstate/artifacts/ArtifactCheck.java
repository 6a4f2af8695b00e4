package io.opstate.artifacts;

/**
 * What {@link ArtifactRepository#checkIntegrity} checks. Both kinds list every blob file and
 * look for rows whose blob is missing and blobs no row references; they differ in how many
 * blobs are read back and hashed, which is what costs.
 *
 * @param sample how many blobs (and rows) to check in depth, chosen at random; 0 means all of them
 * @param repair whether to remove orphan blobs (those no row references, older than
 *     {@link ArtifactRepository#GC_GRACE}); nothing else is ever changed
 */
public record ArtifactCheck(int sample, boolean repair) {
    /** Largest sample accepted. */
    public static final int MAX_SAMPLE = 1_000_000;

    /** Every row's blob is looked for and every blob is read back and hashed. */
    public static ArtifactCheck full() {
        return new ArtifactCheck(0, false);
    }

    /** {@code blobs} random blobs are read back and hashed, {@code blobs} random rows' blobs looked for. */
    public static ArtifactCheck sampled(int blobs) {
        return new ArtifactCheck(blobs, false);
    }

    /** This check, removing orphan blobs as well. */
    public ArtifactCheck withRepair() {
        return new ArtifactCheck(sample, true);
    }

    /** Whether every blob is read back. */
    public boolean isFull() {
        return sample == 0;
    }
}
