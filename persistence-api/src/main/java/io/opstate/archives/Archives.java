package io.opstate.archives;

import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a store into a portable archive and reads one back. Both directions stream: memory use
 * is bounded by one page of records and one buffer of blob bytes, whatever the store's size.
 *
 * <p>An import is all or nothing: every record of the archive is written in one transaction of
 * the target store, so a failure, a cancellation or a killed process leaves the store as it was.
 * Artifact blobs are written before the rows commit; when the rows do not commit, the blobs are
 * unreferenced and the artifact garbage collector removes them.
 *
 * <p>Thread-safe. Obtain one from {@link io.opstate.Datastore#archives()}.
 */
public interface Archives {
    /**
     * Writes what {@code selection} chooses into {@code out} as a zip archive. {@code out} is not
     * closed. Reports progress after each page of records and each blob.
     *
     * @throws io.opstate.NotFoundException when a chosen construct is not in the store
     * @throws io.opstate.operations.OperationCancelledException when cancelled; {@code out} then
     *     holds an incomplete archive, which an import refuses
     */
    ExportReport export(OutputStream out, ExportSelection selection, ProgressListener progress,
                        Cancellation cancellation);

    /**
     * Writes what {@code selection} chooses into the file {@code to}, readable by its owner only
     * where the file system supports it. The file is written beside its final name and moved into
     * place when complete, so {@code to} never holds a partial archive.
     */
    ExportReport export(Path to, ExportSelection selection, ProgressListener progress, Cancellation cancellation);

    /**
     * Checks the archive {@code from} whole (format version, every entry's checksum and row count,
     * every line), then imports it under {@code options}: in one transaction, or not at all when
     * {@link ImportOptions#dryRun()}.
     *
     * @throws ArchiveFormatException when the archive is damaged or not one OpState wrote; nothing is written
     * @throws ArchiveConflictException under {@link ConflictPolicy#FAIL} when a record is already in the store
     * @throws io.opstate.operations.OperationCancelledException when cancelled; nothing is written
     */
    ImportReport importArchive(Path from, ImportOptions options, ProgressListener progress, Cancellation cancellation);
}
