package io.opstate.core.artifacts;

import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run of {@link ArtifactRepository#checkIntegrity}: lists every blob file, finds those no
 * row references (removing the old ones when repairing, through the garbage collector's safe
 * removal), looks for the blob of every row (or of a random sample) and reads back every blob
 * (or a random sample) to compare its content with its hash. Not thread-safe; one per run.
 */
final class IntegrityCheck {
    private static final int ROWS_PER_READ = 500;

    private final ArtifactRows rows;
    private final BlobPlacement store;
        private final ArtifactCheck check;
    private final Instant cutoff = Instant.now().minus(ArtifactRepository.GC_GRACE);
    private final List<String> missing = new ArrayList<>();
    private final List<String> corrupt = new ArrayList<>();
    private final List<String> orphans = new ArrayList<>();
    private long rowsChecked;
    private long blobsChecked;
    private long blobs;
    private long blobBytes;
    private long orphansRemoved;
    private long orphansKept;

    IntegrityCheck(ArtifactRows rows, BlobPlacement store, ArtifactCheck check) {
        this.rows = rows;
        this.store = store;
        this.check = check;
    }

    ArtifactIntegrityReport run() {
        if (check.repair()) {
            store.sweep(cutoff, rows::references);
        }
        List<BlobEntry> toRead = new ArrayList<>();
        Random random = ThreadLocalRandom.current();
        store.forEachBlob(blob -> {
            blobs++;
            blobBytes += blob.storedSize();
            if (check.isFull()) {
                readBack(blob);
            } else if (toRead.size() < check.sample()) {
                toRead.add(blob);
            } else {
                // reservoir sampling: every blob equally likely to be read, in one pass
                long slot = random.nextLong(blobs);
                if (slot < check.sample()) {
                    toRead.set((int) slot, blob);
                }
            }
            if (!rows.references(blob.key())) {
                orphan(blob);
            }
        });
        toRead.forEach(this::readBack);
        if (check.isFull()) {
            String after = null;
            for (List<Artifact> page = rows.after(null, ROWS_PER_READ); !page.isEmpty();
                    page = rows.after(after, ROWS_PER_READ)) {
                page.forEach(this::lookForBlob);
                after = page.get(page.size() - 1).id();
            }
        } else {
            rows.sample(check.sample()).forEach(this::lookForBlob);
        }
        return new ArtifactIntegrityReport(check.isFull(), rowsChecked, blobsChecked, blobs, blobBytes, missing,
                corrupt, orphans, orphansRemoved, orphansKept);
    }

    private void readBack(BlobEntry blob) {
        blobsChecked++;
        if (!store.intact(blob)) {
            listed(corrupt, blob.key().sha256());
        }
    }

    private void orphan(BlobEntry blob) {
        listed(orphans, blob.key().sha256());
        if (check.repair() && store.removeIfUnreferenced(blob, cutoff, rows::references)) {
            orphansRemoved++;
        } else {
            orphansKept++;
        }
    }

    private void lookForBlob(Artifact artifact) {
        rowsChecked++;
        BlobEntry blob = store.find(BlobArtifactRepository.keyOf(artifact));
        if (blob == null || blob.storedSize() != artifact.storedSize()) {
            listed(missing, artifact.id());
        }
    }

    private static void listed(List<String> list, String entry) {
        if (list.size() < ArtifactIntegrityReport.MAX_LISTED) {
            list.add(entry);
        }
    }
}
