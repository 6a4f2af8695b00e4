package io.opstate.core.archives;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.archives.ExportReport;
import io.opstate.archives.ExportSelection;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a store, or chosen constructs, into an archive: entity by entity through the API's
 * streams, then the blobs the exported artifacts name, then the manifest. Reads page by page, so
 * it is not a snapshot: records written meanwhile may or may not travel; stop writers for an
 * exact copy.
 */
final class StoreExport {
    static final String OPERATION = "export";
    private static final int REPORT_EVERY = 500;

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
        try (ArchiveWriter writer = new ArchiveWriter(json, out)) {
            for (ArchiveEntity<?> entity : entities) {
                if (entity.chosenBy(selection)) {
                    cancellation.throwIfCancelled(OPERATION);
                    rows.put(entity.name(), exportEntity(writer, entity, selection, progress, cancellation));
                }
            }
            String schemaVersion = store.maintenance().health().schemaVersion();
            writer.finish(new Manifest(Manifest.FORMAT_VERSION, startedAt, store.backendName(), schemaVersion,
                    selection.constructIds(), pepperFingerprint(selection), List.of()));
            return new ExportReport(rows, 0, 0);
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

    private <T extends Record> long exportEntity(ArchiveWriter writer, ArchiveEntity<T> entity,
                                                 ExportSelection selection, ProgressListener progress,
                                                 Cancellation cancellation) throws IOException {
        try (ArchiveWriter.Lines<T> lines = writer.lines(entity)) {
            entity.export(store, selection, record -> {
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
