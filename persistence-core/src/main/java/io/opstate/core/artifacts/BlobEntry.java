package io.opstate.core.artifacts;

import java.time.Instant;

/**
 * A stored blob as its placement lists it: its key, its stored length and when it was last
 * written or reused (what garbage collection's grace period is measured from).
 */
public record BlobEntry(BlobKey key, long storedSize, Instant modified) {
}
