package io.opstate.core.artifacts;

import java.nio.file.Path;
import java.time.Instant;

/** A blob file found under the root: its key, where it is, its length and when it was last written or reused. */
record BlobFile(BlobKey key, Path path, long storedSize, Instant modified) {
}
