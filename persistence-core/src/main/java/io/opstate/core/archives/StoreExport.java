package io.opstate.core.archives;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.NotFoundException;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.artifacts.Artifact;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a store, or chosen constructs, into an archive: entity by entity through the API's
 * streams, then the manifest. An entity with content (artifacts) is read twice: first every blob
 * its records name is written, once per SHA-256, as {@code open} returns it (decoded and
 * verified, streamed through one buffer); then the records whose blob was written. So an artifact
 * deleted between the two reads is left out, and the archive never names a blob it lacks. Reads
 * page by page, so it is not a snapshot: records written meanwhile may or may not travel; stop
 * writers for an exact copy.
 */
final class StoreExport {
    static final String OPERATION = "export";
    private static final int REPORT_EVERY = 500;
    /** The progress step of writing the blobs of artifacts. */
    static final String BLOBS_STEP = "blobs";

    private final Datastore store;
    private final ObjectMapper json;
    private final List<ArchiveEntity<?>> entities;

    StoreExport(Datastore store, ObjectMapper json, List<ArchiveEntity<?>> entities) {
        this.store = store;
        this.json = json;
        this.entities = entities;
    }

    ExportReport export(OutputStream out, ExportSelection selection, ProgressListener progress,
                        Cancellation cancellation) {
        Instant startedAt = Instant.now();
        Map<String, Long> rows = new LinkedHashMap<>();
        Blobs blobs = new Blobs();
        try (ArchiveWriter writer = new ArchiveWriter(json, out)) {
            for (ArchiveEntity<?> entity : entities) {
                if (entity.chosenBy(selection)) {
                    cancellation.throwIfCancelled(OPERATION);
                    if (entity.carriesContent()) {
                        exportBlobs(writer, entity, selection, blobs, progress, cancellation);
                    }
                    rows.put(entity.name(), exportEntity(writer, entity, selection, blobs, progress, cancellation));
                }
            }
            String schemaVersion = store.maintenance().health().schemaVersion();
            writer.finish(new Manifest(Manifest.FORMAT_VERSION, startedAt, store.backendName(), schemaVersion,
                    selection.constructIds(), pepperFingerprint(selection), List.of()));
            return new ExportReport(rows, blobs.written.size(), blobs.bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the archive could not be written: " + e.getMessage(), e);
        }
    }

    /** The fingerprint of the pepper the exported tokens were hashed with; null when none travel or there is no pepper. */
    private String pepperFingerprint(ExportSelection selection) {
        if (!selection.wholeStoreChosen()) {
            return null;
        }
        return store.unwrap(ArchiveSource.class).flatMap(ArchiveSource::pepperFingerprint).orElse(null);
    }

    /** The blobs written so far, by SHA-256, and their bytes. */
    private static final class Blobs {
        private final Set<String> written = new HashSet<>();
        private long bytes;
    }

    /**
     * Writes the blob of every record of {@code entity} that names one not written yet; a record
     * whose artifact is gone by now is passed over (another may share its content).
     */
    private <T extends Record> void exportBlobs(ArchiveWriter writer, ArchiveEntity<T> entity,
                                                ExportSelection selection, Blobs blobs, ProgressListener progress,
                                                Cancellation cancellation) {
        entity.export(store, selection, record -> {
            Artifact artifact = entity.contentOf(record);
            if (blobs.written.contains(artifact.sha256())) {
                return;
            }
            cancellation.throwIfCancelled(OPERATION);
            InputStream content;
            try {
                content = store.artifacts().open(artifact.id());
            } catch (NotFoundException deletedMeanwhile) {
                return;
            }
            try (content) {
                blobs.bytes += writer.blob(artifact.sha256(), content);
            } catch (IOException e) {
                throw new UncheckedIOException("the blob of artifact " + artifact.id() + " could not be written: "
                        + e.getMessage(), e);
            }
            blobs.written.add(artifact.sha256());
            report(progress, BLOBS_STEP, blobs.written.size());
        });
    }

    private <T extends Record> long exportEntity(ArchiveWriter writer, ArchiveEntity<T> entity,
                                                 ExportSelection selection, Blobs blobs, ProgressListener progress,
                                                 Cancellation cancellation) throws IOException {
        try (ArchiveWriter.Lines<T> lines = writer.lines(entity)) {
            entity.export(store, selection, record -> {
                Artifact content = entity.contentOf(record);
                if (content != null && !blobs.written.contains(content.sha256())) {
                    return; // put after its blobs were written: it travels in the next export
                }
                lines.write(record);
                if (lines.rows() % REPORT_EVERY == 0) {
                    cancellation.throwIfCancelled(OPERATION);
                    report(progress, entity.name(), lines.rows());
                }
            });
            report(progress, entity.name(), lines.rows());
            return lines.rows();
        }
    }

    static void report(ProgressListener progress, String step, long done) {
        try {
            progress.progress(new Progress(OPERATION, step, done, Progress.UNKNOWN));
        } catch (RuntimeException e) {
            throw new OperationCancelledException(OPERATION, e);
        }
    }
}
